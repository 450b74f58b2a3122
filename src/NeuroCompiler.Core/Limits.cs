namespace NeuroCompiler.Core;

/// <summary>
/// The documented limits of the toolchain (docs/limits.md): what neuroc refuses with a coded diagnostic
/// rather than crash, hang or exhaust memory. Each is checked where the limit is crossed, with the
/// place in the input.
/// </summary>
public static class Limits
{
    /// <summary>How deeply expressions, blocks, definitions that refer to definitions, and JSON values may nest.</summary>
    public const int MaxNesting = 1000;

    /// <summary>
    /// How deeply the IR's expressions may nest: lowering writes a level of the source as at most
    /// three (<c>uniform(a, b)</c> is <c>a + (b - a) * rand()</c>), and splitting an equation into
    /// linear terms adds one. The verifier checks it after every pass; code generation and the
    /// interpreter rely on it (they run on <see cref="Nesting.DeepStack"/> threads).
    /// </summary>
    public const int MaxIrNesting = 3 * MaxNesting + 1;

    /// <summary>
    /// The most nodes (operators and operands) an expression may have once the lets it uses are
    /// written out: a let used twice in the next, and that one twice in the next, doubles at each step.
    /// </summary>
    public const int MaxExpandedNodes = 100_000;

    /// <summary>The most time steps a run (its duration over dt) may have.</summary>
    public const long MaxSteps = 1_000_000_000_000;

    /// <summary>The largest source file (a model or an import), in bytes.</summary>
    public const long MaxSourceBytes = 32L << 20;
}
