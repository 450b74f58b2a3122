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
    /// The most time steps a run (its duration over dt) may have, and so the most steps any time in a model
    /// (an event, a stimulus, a task) may be: 10^12 steps is over three years of simulated time at dt = 0.1 ms.
    /// </summary>
    public const long MaxSteps = 1_000_000_000_000;

    /// <summary>
    /// The most steps a period may have (a refractory period, a recording interval or bin, a clock or
    /// structural rule's interval): they are stored as 32-bit step counts.
    /// </summary>
    public const long MaxPeriodSteps = int.MaxValue;

    /// <summary>
    /// The longest delay in steps: every step of delay keeps one step of the source population's spikes
    /// in memory (a delay of 10^6 steps from 1,000 neurons holds 4 GB), so a delay of 1e30 s is refused
    /// where it is written rather than when that buffer cannot be allocated.
    /// </summary>
    public const long MaxDelaySteps = 1_000_000;

    /// <summary>The largest source file (a model or an import), in bytes.</summary>
    public const long MaxSourceBytes = 32L << 20;
}
