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
}
