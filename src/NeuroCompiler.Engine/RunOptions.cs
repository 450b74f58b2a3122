using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Gpu;
using NeuroCompiler.Host;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine;

/// <summary>How to run: what every backend takes, and what only some use (they ignore the rest).</summary>
public sealed record RunOptions
{
    public static readonly RunOptions Default = new();

    /// <summary>Called now and then with the step reached and the steps in all, for progress display.</summary>
    public Action<long, long>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Host threads of a threaded backend; null: the backend's choice for the network. The results do not depend on it.</summary>
    public int? Workers { get; init; }

    /// <summary>The most spikes the recordings may hold together (null: no limit); a run that records more stops with NC0520.</summary>
    public long? RecordedSpikeLimit { get; init; }

    /// <summary>The estimate the run was admitted with, named in the error if memory runs out all the same.</summary>
    public MemoryEstimate? MemoryEstimate { get; init; }

    /// <summary>The gpu backend's device.</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Cuda;

    /// <summary>
    /// Compiled backends, with kernels not in the cache: start interpreted while they compile, and
    /// switch to them when ready (the same results; <see cref="BackendRun.KernelsFromStep"/> says when).
    /// </summary>
    public bool CompileInBackground { get; init; }

    /// <summary>The kernel cache (null: the default folder, its warnings dropped).</summary>
    public KernelCache? Cache { get; init; }

    /// <summary>The host's options for a run on <paramref name="workers"/> threads.</summary>
    internal HostOptions ForHost(int workers) => new()
    {
        Progress = Progress,
        Cancellation = Cancellation,
        Workers = workers,
        RecordedSpikeLimit = RecordedSpikeLimit,
    };
}
