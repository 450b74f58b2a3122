using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Semantics.Binding;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics;

/// <summary>A command-line override <c>--set NAME=VALUE</c>: the text holds the whole argument, the value starts at <see cref="ValueStart"/>.</summary>
public sealed record ParameterOverride(string Name, SourceText Text, int ValueStart)
{
    /// <summary>Parses <c>NAME=VALUE</c>; null when there is no '='.</summary>
    public static ParameterOverride? Parse(string argument)
    {
        int equals = argument.IndexOf('=');
        if (equals <= 0)
        {
            return null;
        }
        return new ParameterOverride(argument[..equals].Trim(), SourceText.From(argument, "<command line>"), equals + 1);
    }
}

public sealed record BindOptions(IReadOnlyList<ParameterOverride> Overrides, SourceResolver Resolver)
{
    public static readonly BindOptions Default = new(Array.Empty<ParameterOverride>(), SourceResolver.Default);
}

/// <summary>The binder's result: the bound model when there were no errors, and every diagnostic.</summary>
public sealed record BindResult(BoundModel? Model, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Success => Model is not null;
}

/// <summary>Resolves names, checks units and values, and gives the next phase an immutable bound model.</summary>
public static class Binder
{
    /// <summary>
    /// Binds on a <see cref="DeepStack"/> thread: expressions are bound by recursion, as deep as the
    /// nesting limit allows, whichever thread calls.
    /// </summary>
    public static BindResult Bind(SyntaxTree tree, BindOptions? options = null) => DeepStack.Run(() =>
    {
        try
        {
            return new ModelBinder(options ?? BindOptions.Default).Bind(tree);
        }
        catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
        {
            return new BindResult(null, tree.Diagnostics.Add(tooDeep.ToDiagnostic()));
        }
    });
}
