using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets;

/// <summary>The target descriptions read from a folder, and every problem found in them.</summary>
public sealed record TargetCatalog(ImmutableArray<TargetDescription> Targets, ImmutableArray<Diagnostic> Diagnostics)
{
    public TargetDescription? Find(string name) => Targets.FirstOrDefault(t => t.Name == name);

    /// <summary>"unknown target 'x'; did you mean 'y'? (known: ...)" for a name that is not in the catalog.</summary>
    public string Unknown(string name) =>
        $"unknown target '{name}'{NameSuggester.Hint(name, Targets.Select(t => t.Name))} (known: {string.Join(", ", Targets.Select(t => t.Name))})";
}

/// <summary>
/// The target families by name, and the reading of description files: the common fields (name,
/// family, summary), then the family's own. A target is chosen by its file's data, never by a
/// name tested in code.
/// </summary>
public static class TargetRegistry
{
    public static readonly ImmutableDictionary<string, ITargetFamily> Families =
        new ITargetFamily[] { new CrossbarFamily(), new DigitalCoreFamily() }.ToImmutableDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Reads one description; null when it has errors (all of them in <paramref name="diagnostics"/>).</summary>
    public static TargetDescription? Read(SourceText text, DiagnosticBag diagnostics)
    {
        var local = new DiagnosticBag();
        var root = JsonParser.Parse(text, local);
        TargetDescription? result = null;
        if (root is JsonObject description)
        {
            result = Read(new FieldReader(description, "", text, local), text);
        }
        else if (root is not null)
        {
            local.Error(ErrorCode.TargetValueType, text, root.Span, $"a target description is an object {{ ... }}, not {root.Kind}");
        }
        diagnostics.AddRange(local.Items);
        return local.HasErrors ? null : result;
    }

    private static TargetDescription? Read(FieldReader description, SourceText text)
    {
        var name = description.String("name");
        var summary = description.String("summary", required: false) ?? "";
        var familyValue = description.Field("family", required: true);
        ITargetFamily? family = null;
        if (familyValue is JsonString { Value: var familyName } s)
        {
            if (!Families.TryGetValue(familyName, out family))
            {
                description.Report(ErrorCode.UnknownTargetFamily, s.Span,
                    $"unknown target family \"{familyName}\"{NameSuggester.Hint(familyName, Families.Keys)} (known: {string.Join(", ", Families.Keys.Order())})");
            }
        }
        else if (familyValue is not null)
        {
            description.Report(ErrorCode.TargetValueType, familyValue.Span, $"'family' must be a string, not {familyValue.Kind}");
        }
        if (family is null)
        {
            return null; // without a family, its fields cannot be told from misspellings
        }
        var hardware = family.Read(description);
        description.Done();
        if (name is not null && !IsName(name))
        {
            var span = description.Field("name", required: false)!.Span;
            description.Report(ErrorCode.TargetValueOutOfRange, span, $"a target name is letters, digits, '-' and '_' (it names the target on the command line), not \"{name}\"");
            return null;
        }
        return name is not null && hardware is not null ? new TargetDescription(name, family.Name, summary, hardware, text) : null;
    }

    private static bool IsName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Every <c>*.json</c> description in <paramref name="folder"/>, by name; two with one name is an error.</summary>
    public static TargetCatalog Load(string folder)
    {
        var diagnostics = new DiagnosticBag();
        var targets = ImmutableArray.CreateBuilder<TargetDescription>();
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var text = SourceText.From(File.ReadAllText(path), path);
            if (Read(text, diagnostics) is not { } target)
            {
                continue;
            }
            if (targets.FirstOrDefault(t => t.Name == target.Name) is { } first)
            {
                diagnostics.Error(ErrorCode.DuplicateTargetField, new SourceLocation(text, new TextSpan(0, 1)),
                    $"target '{target.Name}' is already described in {first.Source.FileName}");
                continue;
            }
            targets.Add(target);
        }
        return new TargetCatalog(targets.ToImmutable(), diagnostics.ToSortedList().ToImmutableArray());
    }

    /// <summary>The repository's (or installation's) targets/ folder: the first one found upwards from <paramref name="start"/>.</summary>
    public static string? FindFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "targets");
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.json").Length > 0)
            {
                return candidate;
            }
        }
        return null;
    }
}
