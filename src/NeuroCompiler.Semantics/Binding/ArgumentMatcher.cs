using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Matches a call's arguments, by position or by name, to a form's parameter list
/// (<c>fixed_probability(p)</c>, <c>poisson_input(n, rate, weight)</c>, <c>grid(nx, ny, spacing)</c>).
/// </summary>
internal static class ArgumentMatcher
{
    /// <param name="parameters">Names in positional order; a trailing '?' marks an optional one.</param>
    /// <returns>The matched arguments, or null after reporting what was wrong.</returns>
    public static Dictionary<string, ExpressionSyntax>? Match(CallExpressionSyntax call, IReadOnlyList<string> parameters, SourceText text, DiagnosticBag diagnostics)
    {
        var names = parameters.Select(p => p.TrimEnd('?')).ToList();
        var result = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        bool ok = true;
        bool sawNamed = false;
        bool rejected = false;
        for (int index = 0; index < call.Arguments.Length; index++)
        {
            var argument = call.Arguments[index];
            string name;
            if (argument.Name is { } argumentName)
            {
                sawNamed = true;
                name = argumentName.Text;
                if (!names.Contains(name))
                {
                    diagnostics.Error(ErrorCode.UnknownArgument, text, argumentName.Span,
                        $"'{call.Function.Text}' has no argument '{name}' (it takes {string.Join(", ", names)}){NameSuggester.Hint(name, names)}");
                    ok = false;
                    rejected = true;
                    continue;
                }
            }
            else
            {
                if (sawNamed)
                {
                    diagnostics.Error(ErrorCode.SyntaxError, text, argument.Span, "a positional argument cannot follow a named one");
                    ok = false;
                    rejected = true;
                    continue;
                }
                if (index >= names.Count)
                {
                    diagnostics.Error(ErrorCode.WrongArgumentCount, text, argument.Span,
                        $"'{call.Function.Text}' takes at most {names.Count} argument{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names)})");
                    ok = false;
                    continue;
                }
                name = names[index];
            }
            if (!result.TryAdd(name, argument.Value))
            {
                diagnostics.Error(ErrorCode.DuplicateArgument, text, argument.Span, $"argument '{name}' is given twice");
                ok = false;
            }
        }
        // After a rejected argument (a misspelled name, a positional one after a named one), the argument it was
        // meant to be would also be reported missing: one mistake, one report.
        foreach (var required in parameters.Where(p => !p.EndsWith('?') && !rejected))
        {
            if (!result.ContainsKey(required))
            {
                diagnostics.Error(ErrorCode.MissingArgument, text, call.Span, $"'{call.Function.Text}' needs the argument '{required}'");
                ok = false;
            }
        }
        return ok ? result : null;
    }
}
