using System.Globalization;

namespace NeuroCompiler.IR.Memory;

/// <summary>
/// What each recording holds when the run ends, as the interpreter's recorder keeps it: a trace's
/// table of samples is allocated up front (per sample its step, 8 bytes, a reference to its row, 8,
/// and the row: a 24-byte array header and 8 bytes per neuron or synapse), a rate's bins twice (the
/// counts and the rates, 8 bytes each), and spikes 24 bytes each (12 while recorded, 12 in the
/// result). The results are written to their files as a stream, so writing adds nothing that grows.
/// </summary>
public static class RecordingMemory
{
    public const long BytesPerSample = 8 + 8 + 24;
    public const long BytesPerValue = 8;
    public const long BytesPerBin = 16;
    public const long BytesPerSpike = 24;

    /// <summary>
    /// The rate recorded spikes are estimated at: a cortical network's typical mean rate. Spikes
    /// cannot be counted before the run; a run that records more than the memory left holds stops
    /// with an error instead (<c>HostOptions.RecordedSpikeLimit</c>).
    /// </summary>
    public const double AssumedRateHz = 10;

    public static IEnumerable<MemoryItem> Of(Network network, int copies)
    {
        var settings = network.Settings;
        long steps = settings.Steps;
        long Samples(int interval) => (steps + interval - 1) / interval;
        string Every(int interval) => (interval * settings.Dt * 1e3).ToString("G6", CultureInfo.InvariantCulture) + " ms";
        foreach (var recording in network.Recordings)
        {
            switch (recording)
            {
                case TraceRecording t:
                    yield return Trace(MemoryPart.Recordings, $"record {Range(network, t.Range)}.{t.Name} every {Every(t.IntervalSteps)}",
                        t.Range.Count, "neurons", Samples(t.IntervalSteps), copies, t.Location);
                    break;
                case SignalRecording s:
                    yield return Trace(MemoryPart.Recordings, $"record {network.Signals.Variables[s.Signal].Name} every {Every(s.IntervalSteps)}",
                        1, "value", Samples(s.IntervalSteps), copies, s.Location);
                    break;
                case SynapseTraceRecording s:
                    var projection = network.Projections[s.Projection];
                    double synapses = s.Stop is { } stop ? stop - s.Start : Math.Max(0, SynapseMemory.Count(network, projection) - s.Start);
                    yield return Trace(MemoryPart.Recordings, $"record {projection.Name}.{s.Name} every {Every(s.IntervalSteps)}",
                        synapses, "synapses", Samples(s.IntervalSteps), copies, s.Location);
                    break;
                case RateRecording r:
                    long bins = Samples(r.BinSteps);
                    yield return new MemoryItem(MemoryPart.Recordings, Saturate((double)bins * BytesPerBin * copies),
                        $"record rate {Range(network, r.Range)} every {Every(r.BinSteps)}: {bins:N0} bins × {BytesPerBin} B", r.Location);
                    break;
                case SpikeRecording sp:
                    double spikes = sp.Range.Count * AssumedRateHz * settings.Duration;
                    yield return new MemoryItem(MemoryPart.Spikes, Saturate(spikes * BytesPerSpike * copies),
                        $"record spikes {Range(network, sp.Range)}: {sp.Range.Count:N0} neurons × {AssumedRateHz:G} Hz (assumed) × {settings.Duration:G6} s × {BytesPerSpike} B",
                        sp.Location);
                    break;
            }
        }
    }

    private static MemoryItem Trace(MemoryPart part, string what, double width, string unit, long samples, int copies, Core.Text.SourceLocation? location) =>
        new(part, Saturate(samples * (BytesPerSample + width * BytesPerValue) * copies),
            $"{what}: {width:N0} {unit} × {samples:N0} samples × {BytesPerValue} B", location);

    /// <summary>The range as the model writes it: <c>P</c> for a whole population, <c>P[0:3]</c> for part of one.</summary>
    private static string Range(Network network, PopulationRange range)
    {
        var population = network.Populations[range.Population];
        return range.Start == 0 && range.Count == population.Size ? population.Name : $"{population.Name}[{range.Start}:{range.End}]";
    }

    internal static long Saturate(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)Math.Max(0, bytes);
}
