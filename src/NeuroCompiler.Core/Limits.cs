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
    /// The most worker threads a run may ask for (--threads). A fixed number, not one from this
    /// machine's cores, so that a command that works on one machine works on another; results do not
    /// depend on the count, and 256 is more than any machine this runs on has cores.
    /// </summary>
    public const int MaxThreads = 256;

    /// <summary>
    /// The largest seed (--seed, the model's seed): 2^53 - 1. A model's values are doubles, which hold
    /// every whole number below 2^53 exactly; above, 2^53 + 1 would silently become 2^53.
    /// </summary>
    public const ulong MaxSeed = (1UL << 53) - 1;
}
