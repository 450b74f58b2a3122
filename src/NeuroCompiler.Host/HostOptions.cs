namespace NeuroCompiler.Host;

/// <summary>Options of a run on the host, whichever backend supplies its kernels.</summary>
public sealed record HostOptions
{
    public static readonly HostOptions Default = new();

    /// <summary>Called now and then with the step reached, for progress display; may be null.</summary>
    public Action<long, long>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Threads for compiled kernels (a backend's option; the interpreted reference runs on one). Each
    /// worker owns a fixed share of every population, so the results do not depend on this number.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// The most spikes the spike recordings may hold together (null: no limit). Spikes cannot be
    /// counted before a run, so the memory estimate assumes a rate; a run that records more than the
    /// memory left allows stops with <see cref="Recording.RecordingLimitException"/> instead of growing
    /// until the machine kills it.
    /// </summary>
    public long? RecordedSpikeLimit { get; init; }
}
