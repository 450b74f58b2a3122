namespace NeuroCompiler.IR.Memory;

/// <summary>What a share of a run's memory is for, as the estimate's breakdown names it.</summary>
public enum MemoryPart
{
    /// <summary>The .NET runtime, its compiled code and neuroc's own (measured; see <see cref="ProcessFootprint"/>).</summary>
    Runtime,
    /// <summary>Roslyn compiling the cpu backend's kernels, when they are not in the cache.</summary>
    KernelCompiler,
    Neurons,
    Synapses,
    /// <summary>Traces and rates, as the run keeps them until it writes them.</summary>
    Recordings,
    /// <summary>Recorded spikes, at an assumed rate (<see cref="RecordingMemory.AssumedRateHz"/>).</summary>
    Spikes,
}
