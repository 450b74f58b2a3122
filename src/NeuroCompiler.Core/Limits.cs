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

    /// <summary>The most time steps a run (its duration over dt) may have.</summary>
    public const long MaxSteps = 1_000_000_000_000;

    /// <summary>The largest source file (a model or an import), in bytes.</summary>
    public const long MaxSourceBytes = 32L << 20;

    /// <summary>
    /// The share of the machine's memory (or its container's limit) a run may use, and never more than is
    /// free when it starts: a model estimated to need more is refused before anything is allocated.
    /// </summary>
    public const double MemoryBudgetFraction = 0.8;
}
