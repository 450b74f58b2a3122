using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Files;

namespace NeuroCompiler.Semantics.Binding;

// Recordings that would write the same file: found when the model is checked, not after the run.
internal sealed partial class ModelBinder
{
    /// <summary>
    /// Each recording writes its own file (named as the writer names it, <see cref="ResultFileNames"/>), except
    /// spikes, which all go to spikes.csv, each neuron's once. A second recording of the same file (P[1].v and
    /// P[100].v are both trace_P_v.csv; A_b.c and A.b_c are both trace_A_b_c.csv) or of spikes already recorded
    /// is an error at the second, with a note at the first; the recordings that do not conflict are kept.
    /// </summary>
    private ImmutableArray<BoundRecording> WithoutConflicts(ImmutableArray<BoundRecording> recordings)
    {
        var files = new Dictionary<string, BoundRecording>(StringComparer.Ordinal);
        var spikes = new List<BoundSpikeRecording>();
        var kept = ImmutableArray.CreateBuilder<BoundRecording>();
        var ratesPerPopulation = recordings.OfType<BoundRateRecording>().GroupBy(r => r.Slice.Population.Name)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var recording in recordings)
        {
            if (recording is BoundSpikeRecording spike)
            {
                if (spikes.FirstOrDefault(s => s.Slice.Population == spike.Slice.Population && Overlap(s.Slice, spike.Slice)) is { } earlier)
                {
                    int from = Math.Max(earlier.Slice.Start, spike.Slice.Start);
                    int to = Math.Min(earlier.Slice.Start + earlier.Slice.Count, spike.Slice.Start + spike.Slice.Count);
                    Conflict(recording, earlier,
                        $"the spikes of {spike.Slice.Population.Name}[{from}:{to}] are recorded already, so each would be written twice to {ResultFileNames.Spikes}; record each neuron's spikes once",
                        "the first recording of these spikes");
                    continue;
                }
                spikes.Add(spike);
                kept.Add(recording);
                continue;
            }
            string file = FileOf(recording, ratesPerPopulation);
            if (files.TryGetValue(file, out var first))
            {
                string advice = Recorded(first) != Recorded(recording) ? "rename the population, projection or variable so their files differ"
                    : Covering(first, recording) is { } both ? $"one file holds one recording: record one slice that covers both ({both})"
                    : "record it once";
                Conflict(recording, first, $"this recording would write {file}, which an earlier recording writes already; {advice}", $"the recording that writes {file}");
                continue;
            }
            files[file] = recording;
            kept.Add(recording);
        }
        return kept.ToImmutable();
    }

    private void Conflict(BoundRecording second, BoundRecording first, string message, string note) =>
        _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, ErrorCode.RecordingConflict, message, second.Location).WithNote(note, first.Location));

    private static bool Overlap(BoundSlice a, BoundSlice b) => a.Start < b.Start + b.Count && b.Start < a.Start + a.Count;

    private static string FileOf(BoundRecording recording, IReadOnlyDictionary<string, int> ratesPerPopulation) => recording switch
    {
        BoundRateRecording r => ResultFileNames.Rate(r.Slice.Population.Name, r.Slice.Start, r.Slice.Count, ratesPerPopulation[r.Slice.Population.Name]),
        BoundTraceRecording t => ResultFileNames.Trace(t.Slice.Population.Name, t.Variable.Name),
        BoundSignalRecording s => ResultFileNames.Trace(ResultFileNames.ModelOwner, s.Signal.Name),
        BoundSynapseTraceRecording s => ResultFileNames.Trace(s.Projection.Name, s.Variable.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(recording), recording, "a recording kind without a file"),
    };

    /// <summary>What a recording records, without its range: "rate of E", "E.v", "ee.w", "dopamine".</summary>
    private static string Recorded(BoundRecording recording) => recording switch
    {
        BoundRateRecording r => $"rate of {r.Slice.Population.Name}",
        BoundTraceRecording t => $"{t.Slice.Population.Name}.{t.Variable.Name}",
        BoundSignalRecording s => s.Signal.Name,
        BoundSynapseTraceRecording s => $"{s.Projection.Name}.{s.Variable.Name}",
        _ => recording.ToString(),
    };

    /// <summary>"P[1:101].v" for two slices of one population's variable, "ee[0:30].w" for two ranges of one projection's synapses, else null.</summary>
    private static string? Covering(BoundRecording first, BoundRecording second)
    {
        if (first is BoundTraceRecording a && second is BoundTraceRecording b)
        {
            int start = Math.Min(a.Slice.Start, b.Slice.Start);
            int stop = Math.Max(a.Slice.Start + a.Slice.Count, b.Slice.Start + b.Slice.Count);
            return $"{a.Slice.Population.Name}[{start}:{stop}].{a.Variable.Name}";
        }
        if (first is BoundSynapseTraceRecording c && second is BoundSynapseTraceRecording d)
        {
            int start = Math.Min(c.Start, d.Start);
            string stop = c.Stop is { } x && d.Stop is { } y ? Math.Max(x, y).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            return $"{c.Projection.Name}[{start}:{stop}].{c.Variable.Name}";
        }
        return null;
    }
}
