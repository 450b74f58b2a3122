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

    /// <summary>The largest kernel cache entry read; a larger file in the cache is discarded unread.</summary>
    public const long MaxKernelCacheEntryBytes = 256L << 20;

    /// <summary>The most characters of one piece of user text (a name) written into a comment of generated code.</summary>
    public const int MaxGeneratedCommentText = 200;

    /// <summary>The largest input spike file neuroc load reads (--input).</summary>
    public const long MaxInputSpikeFileBytes = 256L << 20;

    /// <summary>Bad lines of an input spike file reported before reading stops: a file that is not one of spikes says so in as many.</summary>
    public const int MaxInputSpikeErrors = 100;

    /// <summary>The largest file of a configuration folder neuroc reads back (a core file holds at most a core's synapses).</summary>
    public const long MaxConfigurationFileBytes = 256L << 20;

    /// <summary>
    /// The share of the machine's memory (or its container's limit) a run may use, and never more than is
    /// free when it starts: a model estimated to need more is refused before anything is allocated.
    /// </summary>
    public const double MemoryBudgetFraction = 0.8;

    /// <summary>The most names a "did you mean" hint compares an unknown name with (the innermost scope's first).</summary>
    public const int MaxHintCandidates = 2000;

    /// <summary>The most name comparisons the "did you mean" hints of one compilation make in all; later errors have no hint.</summary>
    public const long MaxHintComparisons = 1_000_000;

    /// <summary>The most neurons of a spike generator whose times are given per neuron (<c>times = f(i)</c>): each is computed while binding.</summary>
    public const int MaxPerNeuronSpikeTimes = 10_000_000;
}
