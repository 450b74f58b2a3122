using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host.Recording;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine;

/// <summary>
/// The memory guard during a run. The estimate refused the model if it could not fit; what it cannot
/// count is spikes (it assumes a rate), so the run gets a ceiling on recorded spikes: whatever the
/// budget leaves after everything else, and stops with a coded error when it is reached.
/// </summary>
public static class MemoryGuard
{
    /// <summary>The most spikes the run's recordings may hold together (all result copies counted).</summary>
    public static long SpikeLimit(Network network, ProcessFootprint footprint, long budget)
    {
        var estimate = MemoryEstimate.Of(network, footprint);
        double left = (double)budget - estimate.Bytes + estimate.BytesOf(MemoryPart.Spikes);
        double perSpike = RecordingMemory.BytesPerSpike * Math.Max(1, footprint.ResultCopies);
        return (long)Math.Clamp(left / perSpike, 0, long.MaxValue);
    }

    /// <summary>The error for a run stopped by <see cref="SpikeLimit"/>, at the model's first spike recording.</summary>
    public static Diagnostic Stopped(RecordingLimitException e, Network network, long limit)
    {
        var recording = network.Recordings.OfType<SpikeRecording>().FirstOrDefault(r => r.Location is not null);
        string time = ((e.Step + 1) * network.Settings.Dt).ToString("G6", CultureInfo.InvariantCulture);
        return new Diagnostic(DiagnosticSeverity.Error, ErrorCode.RecordedSpikesExceedMemory,
            $"the run recorded {e.Spikes:N0} spikes in its first {time} s, more than the {limit:N0} ({MemoryEstimate.Size(limit * RecordingMemory.BytesPerSpike)}) " +
            $"the memory left holds (the estimate assumed {RecordingMemory.AssumedRateHz:G} Hz); it was stopped and nothing was written: " +
            "record the spikes of fewer neurons, or run for a shorter time",
            recording?.Location);
    }
}
