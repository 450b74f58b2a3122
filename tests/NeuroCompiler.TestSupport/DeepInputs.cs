using NeuroCompiler.Core;

namespace NeuroCompiler.TestSupport;

/// <summary>
/// Inputs nested to a chosen depth, one construct each, for the nesting tests (docs/limits.md), with
/// the column where NC0004 is expected once they pass <see cref="Limits.MaxNesting"/>.
/// </summary>
public static class DeepInputs
{
    public const int Max = Limits.MaxNesting;

    /// <summary>A model header; <see cref="Param"/> puts the expression on line 2, from this column.</summary>
    public const string Header = "model m { dt = 0.1 ms; duration = 1 ms }\n";

    public const int Column = 11;

    /// <summary>A model whose only declaration is <c>param a = EXPRESSION</c> (line 2).</summary>
    public static string Param(string expression) => Header + "param a = " + expression + "\n";

    /// <summary>
    /// Each construct: its name, an expression whose innermost operand lies the given number of levels
    /// deep, and the column (in <see cref="Param"/>) where such an expression more than
    /// <see cref="Max"/> levels deep crosses the limit: the first token of a part that starts too deep,
    /// or the operator whose operands would.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, Func<int, string> Make, int Crossing)> Constructs = new (string, Func<int, string>, int)[]
    {
        ("parentheses", n => Repeat("(", n) + "1" + Repeat(")", n), Column + Max + 1),
        ("calls", n => Repeat("abs(", n) + "1" + Repeat(")", n), Column + 4 * (Max + 1)),
        ("unary minus", n => Repeat("-", n) + "1", Column + Max + 1),
        ("not", n => Repeat("not ", n) + "true", Column + 4 * (Max + 1)),
        ("additions", n => "1" + Repeat(" + 1", n), Column + 2 + 4 * Max),
        ("products", n => "1" + Repeat(" * 1", n), Column + 2 + 4 * Max),
        ("conditions", n => "true" + Repeat(" and true", n), Column + 5 + 9 * Max),
        ("powers", n => "1" + Repeat(" ** 1", n), Column + 2 + 5 * Max),
        ("lists", n => Repeat("[", n) + "1" + Repeat("]", n), Column + Max + 1),
        ("member access", n => "a" + Repeat(".b", n), Column + 1 + 2 * Max),
    };

    /// <summary>
    /// A model whose equation is as deep as the limit allows (or <paramref name="extra"/> levels
    /// deeper), made of clip calls: the IR is twice as deep, since clip(x, a, b) is min(max(x, a), b).
    /// </summary>
    public static string ClipEquation(int extra = 0) =>
        Header + "param lo = -100 mV\nneuron N {\n  state v = -65 mV\n  dv/dt = -" + Repeat("clip(", Max - 2 + extra) + "v" +
        Repeat(", lo, 100 mV)", Max - 2 + extra) + " / (10 ms)\n}\npopulation P = N[4]\nrecord P.v every 0.1 ms\n";

    /// <summary>
    /// A model whose equation uses a let as deep as the limit allows (or <paramref name="extra"/> levels
    /// deeper), made of uniform calls: the IR is three times as deep, since uniform(a, b) is
    /// a + (b - a) * rand(). Each neuron draws new numbers every step, so it also exercises the random streams.
    /// </summary>
    public static string UniformLet(int extra = 0) =>
        Header + "param lo = -100 mV\nneuron N {\n  state v = 65 mV\n  let r = " + Repeat("uniform(lo, ", Max - 4 + extra) + "v" +
        Repeat(")", Max - 4 + extra) + "\n  dv/dt = -r / (10 ms)\n}\npopulation P = N[4]\nrecord P.v every 0.1 ms\n";

    /// <summary>JSON lists nested <paramref name="n"/> deep: <c>[[[]]]</c>.</summary>
    public static string JsonLists(int n) => Repeat("[", n) + Repeat("]", n);

    public static string Repeat(string piece, int times) => string.Concat(Enumerable.Repeat(piece, times));
}
