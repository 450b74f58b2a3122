using System.Collections.Immutable;
using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Interpreter.Recording;

/// <summary>Collects what the model asks to record: spikes of ranges, traces sampled at the start of steps, binned rates.</summary>
internal sealed class Recorder<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Network _network;
    private readonly List<(SpikeRecording Recording, List<long> Steps, List<int> Indices)> _spikes = new();
    private readonly List<(RateRecording Recording, long[] Counts)> _rates = new();
    // Samples are kept end to end in one growing list per recording (no allocation per sample) and
    // cut into one array per sample when the run is over.
    // A trace of a plain state (or per-neuron parameter) reads its array directly (Direct); any other
    // value is evaluated over the range.
    private readonly List<(TraceRecording Recording, VectorNode<T> Value, Frame<T> Frame, T[]? Direct, List<long> Steps, List<double> Values)> _traces = new();
    private readonly List<(SignalRecording Recording, List<long> Steps, List<double> Values)> _signalTraces = new();
    private readonly List<(SynapseTraceRecording Recording, ProjectionRuntime<T> Projection, List<long> Steps, List<double> Values)> _synapseTraces = new();
    private readonly T[][] _signals;

    public Recorder(Network network, PopulationRuntime<T>[] populations, ProjectionRuntime<T>[] projections, T[][] signals)
    {
        _network = network;
        _signals = signals;
        long steps = network.Settings.Steps;
        foreach (var recording in network.Recordings)
        {
            switch (recording)
            {
                case SpikeRecording s:
                    _spikes.Add((s, new List<long>(), new List<int>()));
                    break;
                case RateRecording r:
                    _rates.Add((r, new long[(steps + r.BinSteps - 1) / r.BinSteps]));
                    break;
                case SignalRecording sr:
                    _signalTraces.Add((sr, new List<long>(), new List<double>()));
                    break;
                case SynapseTraceRecording st:
                    _synapseTraces.Add((st, projections[st.Projection], new List<long>(), new List<double>()));
                    break;
                case TraceRecording t:
                    var population = populations[t.Range.Population];
                    var frame = new Frame<T>(population.States);
                    var direct = t.Value is IrVariable { Ref: { Space: VariableSpace.NeuronState } state } ? population.States[state.Slot]
                        : t.Value is IrVariable { Ref: { Space: VariableSpace.NeuronParameter } parameter } ? population.Parameters.ElementAtOrDefault(parameter.Slot)
                        : null;
                    _traces.Add((t, population.Compile!(t.Value), frame, direct, new List<long>(), new List<double>()));
                    break;
            }
        }
    }

    public void RecordSpikes(PopulationRuntime<T> population, long step)
    {
        if (population.SpikeCount == 0)
        {
            return;
        }
        int index = population.Population.Index;
        foreach (var (recording, steps, indices) in _spikes)
        {
            if (recording.Range.Population != index)
            {
                continue;
            }
            for (int s = 0; s < population.SpikeCount; s++)
            {
                int neuron = population.Spiked[s];
                if (recording.Range.Contains(neuron))
                {
                    steps.Add(step);
                    indices.Add(neuron);
                }
            }
        }
        foreach (var (recording, counts) in _rates)
        {
            if (recording.Range.Population != index)
            {
                continue;
            }
            for (int s = 0; s < population.SpikeCount; s++)
            {
                if (recording.Range.Contains(population.Spiked[s]))
                {
                    counts[step / recording.BinSteps]++;
                }
            }
        }
    }

    /// <summary>Whether <see cref="SampleTraces"/> reads neuron states at this step.</summary>
    public bool SamplesStates(long step)
    {
        foreach (var trace in _traces)
        {
            if (step % trace.Recording.IntervalSteps == 0)
            {
                return true;
            }
        }
        return false;
    }

    public void SampleTraces(long step, T time)
    {
        foreach (var (recording, steps, values) in _signalTraces)
        {
            if (step % recording.IntervalSteps == 0)
            {
                steps.Add(step);
                values.Add(Num<T>.ToDouble(_signals[recording.Signal][0]));
            }
        }
        foreach (var (recording, projection, steps, values) in _synapseTraces)
        {
            if (step % recording.IntervalSteps == 0)
            {
                SampleSynapses(recording, projection, values, step);
                steps.Add(step);
            }
        }
        foreach (var (recording, value, frame, direct, steps, values) in _traces)
        {
            if (step % recording.IntervalSteps != 0)
            {
                continue;
            }
            int count = recording.Range.Count;
            if (direct is not null)
            {
                foreach (var v in direct.AsSpan(recording.Range.Start, count))
                {
                    values.Add(Num<T>.ToDouble(v));
                }
                steps.Add(step);
                continue;
            }
            frame.Step = step;
            frame.Time = time;
            for (int start = 0; start < count; start += Frame<T>.BlockSize)
            {
                frame.Start = recording.Range.Start + start;
                frame.Length = Math.Min(Frame<T>.BlockSize, count - start);
                foreach (var v in value.Eval(frame))
                {
                    values.Add(Num<T>.ToDouble(v));
                }
            }
            steps.Add(step);
        }
    }

    /// <summary>The recorded synapses' values at the start of <paramref name="step"/>; event-driven states as advanced to it (without changing them).</summary>
    private static void SampleSynapses(SynapseTraceRecording recording, ProjectionRuntime<T> projection, List<double> values, long step)
    {
        var synapse = projection.Projection.Synapse;
        int slot = recording.Variable.Space == VariableSpace.SynapseState ? synapse.Parameters.Length + recording.Variable.Slot : recording.Variable.Slot;
        int stop = recording.Stop ?? projection.Synapses.Count;
        if (projection.Values[slot] is not { } array)
        {
            double shared = synapse.Parameters[slot].Initial is IrConstant c ? c.Value : double.NaN;
            for (int k = recording.Start; k < stop; k++)
            {
                values.Add(Num<T>.ToDouble(Num<T>.From(shared)));
            }
            return;
        }
        int eventDriven = projection.EventDriven?.IndexOf(array) ?? -1;
        for (int k = recording.Start; k < stop; k++)
        {
            values.Add(Num<T>.ToDouble(eventDriven < 0 ? array[k] : projection.EventDriven!.ValueAt(eventDriven, k, step)));
        }
    }

    /// <summary>
    /// Keeps what was recorded before step <paramref name="step"/> (a run that stopped there): spikes and
    /// samples of earlier steps, and the rate bins that ended before it.
    /// </summary>
    public void Truncate(long step)
    {
        foreach (var (_, steps, indices) in _spikes)
        {
            int keep = Before(steps, step);
            steps.RemoveRange(keep, steps.Count - keep);
            indices.RemoveRange(keep, indices.Count - keep);
        }
        for (int r = 0; r < _rates.Count; r++)
        {
            var (recording, counts) = _rates[r];
            _rates[r] = (recording, counts[..(int)Math.Min(counts.Length, step / recording.BinSteps)]);
        }
        foreach (var trace in _traces)
        {
            Truncate(trace.Steps, trace.Values, trace.Recording.Range.Count, step);
        }
        foreach (var (_, steps, values) in _signalTraces)
        {
            Truncate(steps, values, 1, step);
        }
        foreach (var (recording, projection, steps, values) in _synapseTraces)
        {
            Truncate(steps, values, (recording.Stop ?? projection.Synapses.Count) - recording.Start, step);
        }
    }

    /// <summary>How many of the ascending steps come before <paramref name="step"/>.</summary>
    private static int Before(List<long> steps, long step)
    {
        int keep = steps.Count;
        while (keep > 0 && steps[keep - 1] >= step)
        {
            keep--;
        }
        return keep;
    }

    private static void Truncate(List<long> steps, List<double> values, int width, long step)
    {
        int keep = Before(steps, step);
        steps.RemoveRange(keep, steps.Count - keep);
        values.RemoveRange(keep * width, values.Count - keep * width);
    }

    private string Name(PopulationRange range) => _network.Populations[range.Population].Name;

    public ImmutableArray<SpikeTrain> Spikes() => _spikes.Select(s =>
        new SpikeTrain(Name(s.Recording.Range), s.Recording.Range.Start, s.Recording.Range.Count, s.Steps.ToImmutableArray(), s.Indices.ToImmutableArray())).ToImmutableArray();

    public ImmutableArray<Trace> Traces() => _traces.Select(t =>
            new Trace(Name(t.Recording.Range), t.Recording.Name, t.Recording.Range.Start, t.Recording.Range.Count, t.Steps.ToImmutableArray(), Samples(t.Values, t.Recording.Range.Count, t.Steps.Count)))
        .Concat(_synapseTraces.Select(s =>
        {
            int count = (s.Recording.Stop ?? s.Projection.Synapses.Count) - s.Recording.Start;
            return new Trace(s.Projection.Projection.Name, s.Recording.Name, s.Recording.Start, count, s.Steps.ToImmutableArray(), Samples(s.Values, count, s.Steps.Count),
                OfSynapses: true);
        }))
        .Concat(_signalTraces.Select(s =>
            new Trace(Core.Files.ResultFileNames.ModelOwner, _network.Signals.Variables[s.Recording.Signal].Name, 0, 1, s.Steps.ToImmutableArray(), Samples(s.Values, 1, s.Steps.Count))))
        .ToImmutableArray();

    /// <summary>Values laid end to end, <paramref name="width"/> per sample, as <paramref name="count"/> arrays.</summary>
    private static ImmutableArray<ImmutableArray<double>> Samples(List<double> values, int width, int count)
    {
        var samples = ImmutableArray.CreateBuilder<ImmutableArray<double>>(count);
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        for (int k = 0; k < count; k++)
        {
            samples.Add(ImmutableArray.Create(all.Slice(k * width, width)));
        }
        return samples.MoveToImmutable();
    }

    public ImmutableArray<RateTrace> Rates() => _rates.Select(r =>
    {
        double binSeconds = r.Recording.BinSteps * _network.Settings.Dt;
        int count = Math.Max(1, r.Recording.Range.Count);
        return new RateTrace(Name(r.Recording.Range), r.Recording.Range.Start, r.Recording.Range.Count, r.Recording.BinSteps,
            r.Counts.Select(c => c / (count * binSeconds)).ToImmutableArray());
    }).ToImmutableArray();
}
