using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.CodeGen;

/// <summary>Where two runs first differ: a spike one has and the other lacks, a recorded value, or where and whether they failed (<paramref name="Neuron"/> −1).</summary>
public sealed record Divergence(long Step, string Population, int Neuron, string What);

/// <summary>The outcome of comparing a backend's run with the reference's.</summary>
public sealed record ComparisonReport(bool Identical, Divergence? First, int SpikeTrainsCompared, long SpikesCompared, int TracesCompared,
    ImmutableArray<PopulationSummary> Reference, ImmutableArray<PopulationSummary> Backend);

/// <summary>Compares two runs of one network: every spike (step and neuron) and every recorded value, to the bit.</summary>
public static class Comparison
{
    /// <summary>The network with every population's spikes recorded, so a comparison sees all of them.</summary>
    public static Network RecordingAllSpikes(Network network)
    {
        var recorded = network.Recordings.OfType<SpikeRecording>()
            .Where(r => r.Range.Start == 0 && r.Range.Count == network.Populations[r.Range.Population].Size)
            .Select(r => r.Range.Population).ToHashSet();
        var extra = network.Populations.Where(p => !recorded.Contains(p.Index))
            .Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size)));
        return network with { Recordings = network.Recordings.AddRange(extra) };
    }

    public static ComparisonReport Compare(SimulationResult reference, SimulationResult backend)
    {
        Divergence? first = null;
        void Consider(Divergence d)
        {
            if (first is null || d.Step < first.Step)
            {
                first = d;
            }
        }
        long spikes = 0;
        for (int r = 0; r < Math.Min(reference.Spikes.Length, backend.Spikes.Length); r++)
        {
            var a = reference.Spikes[r];
            var b = backend.Spikes[r];
            spikes += a.Steps.Length;
            int n = Math.Min(a.Steps.Length, b.Steps.Length);
            int k = 0;
            while (k < n && a.Steps[k] == b.Steps[k] && a.Indices[k] == b.Indices[k])
            {
                k++;
            }
            if (k < n)
            {
                bool referenceFirst = a.Steps[k] < b.Steps[k] || (a.Steps[k] == b.Steps[k] && a.Indices[k] < b.Indices[k]);
                var (step, neuron) = referenceFirst ? (a.Steps[k], a.Indices[k]) : (b.Steps[k], b.Indices[k]);
                Consider(new Divergence(step, a.Population, neuron, referenceFirst ? "a spike only the reference has" : "a spike only the backend has"));
            }
            else if (a.Steps.Length != b.Steps.Length)
            {
                var longer = a.Steps.Length > b.Steps.Length ? a : b;
                Consider(new Divergence(longer.Steps[n], a.Population, longer.Indices[n],
                    a.Steps.Length > b.Steps.Length ? "a spike only the reference has" : "a spike only the backend has"));
            }
        }
        for (int t = 0; t < Math.Min(reference.Traces.Length, backend.Traces.Length); t++)
        {
            var a = reference.Traces[t];
            var b = backend.Traces[t];
            for (int s = 0; s < Math.Min(a.Values.Length, b.Values.Length); s++)
            {
                int neuron = Enumerable.Range(0, a.Count).FirstOrDefault(i => BitConverter.DoubleToInt64Bits(a.Values[s][i]) != BitConverter.DoubleToInt64Bits(b.Values[s][i]), -1);
                if (neuron >= 0)
                {
                    Consider(new Divergence(a.Steps[s], a.Population, a.Start + neuron,
                        $"{a.Variable} is {a.Values[s][neuron]:R} in the reference and {b.Values[s][neuron]:R} in the backend"));
                    break;
                }
            }
        }
        // Both runs stop at the same value that is not finite, or neither does (docs/semantics.md).
        if (reference.Failure != backend.Failure)
        {
            long step = Math.Min(reference.Failure?.Step ?? long.MaxValue, backend.Failure?.Step ?? long.MaxValue);
            Consider(new Divergence(step, reference.Model, -1,
                $"the reference {FailureText(reference.Failure)}, the backend {FailureText(backend.Failure)}"));
        }
        bool shapes = reference.Spikes.Length == backend.Spikes.Length && reference.Traces.Length == backend.Traces.Length;
        return new ComparisonReport(first is null && shapes, first, reference.Spikes.Length, spikes, reference.Traces.Length, reference.Populations, backend.Populations);
    }

    private static string FailureText(RunFailure? failure) => failure is null ? "ran to the end" : $"stopped: {failure.Message}";
}
