namespace NeuroCompiler.Core.Nesting;

/// <summary>The texts of NC0004, one per kind of nesting, so every phase words the limit the same way.</summary>
public static class NestingMessages
{
    /// <summary>An expression nested too deeply in the text itself.</summary>
    public static string Expression { get; } =
        $"nested more than {Limits.MaxNesting} levels deep (each parenthesis, call, operator, list and '.' is a level; see docs/limits.md)";

    /// <summary>An expression that nests too deeply once the definitions it uses are written out, with the chain of them.</summary>
    public static string Definitions(IReadOnlyList<string> chain) =>
        $"nested more than {Limits.MaxNesting} levels deep through the definitions used on the way: {Chain(chain)} " +
        "(a use of a let, or of a param or state inside another definition's value, is a level, and so is each level of the value it " +
        "stands for; see docs/limits.md)";

    /// <summary>An expression too large once its lets are written out (NC0005).</summary>
    public static string TooLarge(string let, int letNodes) =>
        $"too large once its lets are written out: more than {Limits.MaxExpandedNodes:N0} nodes (each use of a let is replaced by its " +
        $"whole value, and this use of '{let}' adds {letNodes:N0}; see docs/limits.md)";

    /// <summary>A type that is a variant of a variant of ... too many times over.</summary>
    public static string Variants(IReadOnlyList<string> chain) =>
        $"a variant of a variant more than {Limits.MaxNesting} levels deep: {Chain(chain)} (see docs/limits.md)";

    /// <summary>A JSON document with too many lists and objects open at once.</summary>
    public static string Json { get; } =
        $"nested more than {Limits.MaxNesting} levels deep: at most {Limits.MaxNesting} lists and objects may be open at once (see docs/limits.md)";

    /// <summary>The safety net: a stack nearly used up before any documented limit was reached.</summary>
    public static string StackExhausted { get; } =
        "nested too deeply to process: the stack ran out before the documented limits were reached " +
        "(this is a bug in neuroc; please report it with the input)";

    /// <summary><c>'a' -> 'b' -> ... -> 'z'</c>, the middle of a long chain left out.</summary>
    public static string Chain(IReadOnlyList<string> names)
    {
        const int Shown = 3;
        var quoted = names.Select(n => $"'{n}'").ToList();
        if (quoted.Count <= 2 * Shown + 1)
        {
            return string.Join(" -> ", quoted);
        }
        return string.Join(" -> ", quoted.Take(Shown)) + $" -> ... ({quoted.Count - 2 * Shown} more) -> " +
            string.Join(" -> ", quoted.Skip(quoted.Count - Shown));
    }
}
