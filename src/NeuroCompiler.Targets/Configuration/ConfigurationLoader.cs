using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Reads a configuration folder back without its model (<c>neuroc load</c>): its manifest names the format (so the family
/// that reads it), the target and the SHA-256 of the target's description when it was compiled; the target is taken from
/// the catalog only if its description is that one, and the family's reader checks every file against the manifest's
/// hashes, the target's limits and each other. A configuration from before configurations carried their hashes, outline
/// and initial states is refused: it cannot be checked nor run alone.
/// </summary>
public static class ConfigurationLoader
{
    public static ILoadedConfiguration? Load(string folder, TargetCatalog catalog, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(folder))
        {
            diagnostics.Error(ErrorCode.CannotReadFile, null, $"{folder}: no such configuration folder");
            return null;
        }
        if (ConfigurationReader.Open(Path.Combine(folder, ConfigurationFiles.Manifest), diagnostics) is not { } manifest)
        {
            return null;
        }
        var format = manifest.Field("format", required: false);
        var families = TargetRegistry.Families.Values;
        if (families.FirstOrDefault(f => format is JsonString { Value: var name } && f.Configuration.Format == name) is not { } family)
        {
            manifest.Report(ErrorCode.TargetValueOutOfRange, format?.Span ?? manifest.Span,
                $"this is not a configuration neuroc writes: its 'format' is {(format is JsonString s ? $"\"{s.Value}\"" : "missing")}, and neuroc writes {string.Join(", ", families.Select(f => $"\"{f.Configuration.Format}\"").Order())}");
            return null;
        }
        var version = manifest.Field("version", required: false);
        if (version is not JsonNumber { Value: var v } || v < family.Configuration.LoadableSince)
        {
            manifest.Report(ErrorCode.ConfigurationTooOld, version?.Span ?? manifest.Span,
                $"this configuration is version {(version is JsonNumber n ? n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(none)")}, written before configurations carried the hashes of their files, the model's outline and the neurons' initial states (version {family.Configuration.LoadableSince}): compile the model again to load it");
            return null;
        }
        if (Target(manifest, family, catalog) is not { } target)
        {
            return null;
        }
        return family.Load(folder, target, diagnostics);
    }

    /// <summary>The target the manifest names, if the catalog has it, of the configuration's family, with the description it was compiled for.</summary>
    private static TargetDescription? Target(FieldReader manifest, ITargetFamily family, TargetCatalog catalog)
    {
        if (manifest.Field("target", required: true) is not JsonString { Value: var name } named)
        {
            return null;
        }
        if (catalog.Find(name) is not { } target)
        {
            manifest.Report(ErrorCode.UnknownTarget, named.Span, $"the configuration was compiled for {catalog.Unknown(name)}");
            return null;
        }
        if (target.Family != family.Name)
        {
            manifest.Report(ErrorCode.ConfigurationTargetMismatch, named.Span,
                $"the configuration is of the {family.Name} family, and target '{name}' ({target.Source.FileName}) is of the {target.Family} family");
            return null;
        }
        var hash = manifest.Field("target_sha256", required: true);
        if (hash is JsonString { Value: var recorded } && recorded != target.Sha256)
        {
            manifest.Report(ErrorCode.ConfigurationTargetMismatch, hash.Span,
                $"the configuration was compiled for another description of '{name}' (SHA-256 {Printable(recorded)}); {target.Source.FileName} is {target.Sha256}: " +
                "compile the model again for this one, or give the folder of the description it was compiled for (--targets)");
            return null;
        }
        return hash is JsonString ? target : null;
    }

    private static string Printable(string text) => new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
