using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Binds a whole model: loads imports, declares every top-level name, then binds settings,
/// model parameters, neuron types, populations, projections, stimuli, the protocol and recordings.
/// One error never stops the rest: everything that can be checked is checked.
/// </summary>
internal sealed partial class ModelBinder
{
    private readonly BindOptions _options;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly ExpressionBinder _binder;
    private readonly Scope _globalScope = new();
    private readonly Dictionary<string, SourceLocation> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _instanceNames = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceText, SourceLocation> _importedAt = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (NeuronTypeSyntax Syntax, SourceText Text)> _neuronSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SynapseTypeSyntax Syntax, SourceText Text)> _synapseSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TypeVariantSyntax Syntax, SourceText Text)> _variantSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundNeuronType?> _neuronTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundPopulation> _populations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoundStimulus> _stimuli = new(StringComparer.Ordinal);

    public ModelBinder(BindOptions options)
    {
        _options = options;
        _binder = new ExpressionBinder(_diagnostics);
    }

    public BindResult Bind(SyntaxTree main)
    {
        _diagnostics.AddRange(main.Diagnostics);
        var imported = LoadImports(main);
        foreach (var tree in imported)
        {
            _diagnostics.AddRange(tree.Diagnostics);
        }
        var all = imported.Append(main).ToList();
        foreach (var tree in all)
        {
            DeclareTopLevel(tree, isMain: tree == main);
        }

        var settings = BindSettings(main);
        _binder.Constants.Dt = settings.Dt;
        var globals = BindGlobals(all);
        var signals = BindSignals();
        var neuronTypes = BindNeuronTypes();
        var populations = BindPopulations(main, settings);
        var projections = BindProjections(main, settings);
        var stimuli = BindStimuli(main);
        var protocol = BindProtocol(main, settings);
        var recordings = BindRecordings(main, settings, projections);
        settings = ResolveDuration(settings, protocol);
        CheckUnusedOverrides();

        var spreads = BindSpreads(main, projections);
        var tasks = BindTasks(main, settings);
        var model = new BoundModel(settings, globals, signals, neuronTypes, populations, projections, stimuli, protocol, recordings) { Spreads = spreads, Tasks = tasks };
        var diagnostics = WithoutSyntaxCascades(all, _diagnostics.ToSortedList()).Select(WithImportNotes).ToImmutableArray();
        return new BindResult(_diagnostics.HasErrors ? null : model, diagnostics);
    }

    /// <summary>
    /// Drops the binder's diagnostics inside a declaration that has a syntax error: the parser's
    /// recovery (a deleted or invented token) leaves a tree whose binding errors only repeat it
    /// (<c>param x =</c> followed by <c>state v = 0 mV</c> would add "unknown name 'v'"), also when the
    /// report moved to the use that caused it and only its note points into the broken declaration.
    /// The syntax errors themselves are kept, so the result still fails.
    /// </summary>
    private static IEnumerable<Diagnostic> WithoutSyntaxCascades(IReadOnlyList<SyntaxTree> trees, IReadOnlyList<Diagnostic> diagnostics)
    {
        var syntaxDiagnostics = new HashSet<Diagnostic>(trees.SelectMany(t => t.Diagnostics), ReferenceEqualityComparer.Instance);
        // Per file, the declarations with a syntax error, in order (declarations do not overlap): each
        // lookup is a binary search, so a file of many errors and declarations is not compared pairwise.
        var broken = new Dictionary<SourceText, List<TextSpan>>(ReferenceEqualityComparer.Instance);
        foreach (var tree in trees)
        {
            var errors = tree.Diagnostics.Where(d => d.IsError && d.Location is not null).Select(d => d.Location!.Span.Start).Order().ToArray();
            var spans = tree.Root.Declarations.Select(d => d.Span)
                .Where(span => Array.BinarySearch(errors, span.Start) is var i && (i >= 0 || (~i < errors.Length && errors[~i] < span.End)))
                .ToList();
            if (spans.Count > 0)
            {
                broken[tree.Text] = spans;
            }
        }
        return broken.Count == 0
            ? diagnostics
            : diagnostics.Where(d => syntaxDiagnostics.Contains(d) ||
                !d.Notes.Select(n => n.Location).Prepend(d.Location).OfType<SourceLocation>().Any(l => InBroken(broken, l)));
    }

    private static bool InBroken(Dictionary<SourceText, List<TextSpan>> broken, SourceLocation location)
    {
        if (!broken.TryGetValue(location.Text, out var spans))
        {
            return false;
        }
        int low = 0, high = spans.Count; // the first span that ends after the position
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (spans[middle].End <= location.Span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low < spans.Count && spans[low].Start <= location.Span.Start;
    }

    /// <summary>
    /// A diagnostic inside an imported file gets a note at each import that led to that file from the main one
    /// ("imported here"), as C compilers say "in file included from": the user sees why the file was read.
    /// </summary>
    private Diagnostic WithImportNotes(Diagnostic diagnostic)
    {
        var seen = new HashSet<SourceText>(ReferenceEqualityComparer.Instance);
        var text = diagnostic.Location?.Text;
        while (text is not null && _importedAt.TryGetValue(text, out var import) && seen.Add(text))
        {
            diagnostic = diagnostic.WithNote($"{text.FileName} is imported here", import);
            text = import.Text;
        }
        return diagnostic;
    }

    private List<SyntaxTree> LoadImports(SyntaxTree main)
    {
        var result = new List<SyntaxTree>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(main.Text.FileName) };
        Visit(main, new List<string>());
        return result;

        void Visit(SyntaxTree tree, List<string> chain)
        {
            foreach (var import in tree.Root.Declarations.OfType<ImportSyntax>())
            {
                string path = import.Path.Value;
                if (import.Path.Span.Length == 0)
                {
                    continue; // the parser found no string here and said so
                }
                var found = _options.Resolver.Resolve(path, tree.Text);
                if (found.Code is { } refused)
                {
                    _diagnostics.Error(refused, tree.Text, import.Path.Span, $"cannot import \"{path}\": {found.Problem}");
                    continue;
                }
                if (found.Text is null || found.Key is null)
                {
                    string hint = path.StartsWith("std/", StringComparison.Ordinal)
                        ? $" (the standard library has {string.Join(", ", StandardLibrary.Names.Select(n => $"\"{n}\""))})"
                        : path.EndsWith(SourceResolver.Extension, StringComparison.Ordinal) ? "" : $" (imports are {SourceResolver.Extension} files: it was looked for as \"{path}{SourceResolver.Extension}\")";
                    _diagnostics.Error(ErrorCode.ImportNotFound, tree.Text, import.Path.Span, $"cannot find import \"{path}\"{hint}");
                    continue;
                }
                if (chain.Contains(found.Key))
                {
                    _diagnostics.Error(ErrorCode.ImportCycle, tree.Text, import.Path.Span, $"import \"{path}\" imports itself through a cycle");
                    continue;
                }
                if (!visited.Add(found.Key))
                {
                    continue;
                }
                var importedTree = SyntaxTree.Parse(found.Text);
                _importedAt[importedTree.Text] = new SourceLocation(tree.Text, import.Path.Span);
                Visit(importedTree, chain.Append(found.Key).ToList());
                result.Add(importedTree);
            }
        }
    }

    private void DeclareTopLevel(SyntaxTree tree, bool isMain)
    {
        foreach (var declaration in tree.Root.Declarations)
        {
            switch (declaration)
            {
                case NeuronTypeSyntax neuron when !neuron.Name.IsMissing:
                    if (DeclareName(_typeNames, neuron.Name, tree.Text, "type"))
                    {
                        _neuronSyntax[neuron.Name.Text] = (neuron, tree.Text);
                    }
                    break;
                case SynapseTypeSyntax synapse when !synapse.Name.IsMissing:
                    if (DeclareName(_typeNames, synapse.Name, tree.Text, "type"))
                    {
                        _synapseSyntax[synapse.Name.Text] = (synapse, tree.Text);
                    }
                    break;
                case TypeVariantSyntax variant when !variant.Name.IsMissing:
                    if (DeclareName(_typeNames, variant.Name, tree.Text, "type"))
                    {
                        _variantSyntax[variant.Name.Text] = (variant, tree.Text);
                    }
                    break;
                case GlobalParamSyntax param when !param.Name.IsMissing:
                    DeclareGlobal(param, tree.Text);
                    break;
                case SignalsSyntax signals:
                    DeclareSignals(signals, tree.Text);
                    break;
                case ImportSyntax:
                    break;
                case SpreadSyntax when isMain:
                    break;
                default:
                    if (!isMain)
                    {
                        _diagnostics.Error(ErrorCode.MemberNotAllowedHere, tree.Text, declaration.Span,
                            "an imported file may only define neuron types, synapse types and params");
                    }
                    break;
            }
        }
    }

    private bool DeclareName(Dictionary<string, SourceLocation> names, NameSyntax name, SourceText text, string what)
    {
        if (name.IsMissing)
        {
            return false;
        }
        if (names.TryGetValue(name.Text, out var first))
        {
            _diagnostics.Error(ErrorCode.Redefinition, text, name.Span, $"{what} '{name.Text}' is already defined (at {first})");
            return false;
        }
        names[name.Text] = new SourceLocation(text, name.Span);
        return true;
    }

    private bool DeclareInstance(NameSyntax name, SourceText text, string what) => DeclareName(_instanceNames, name, text, what);
}
