using System.Collections.Immutable;
using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host.Recording;

/// <summary>Collects what the model asks to record: spikes of ranges, traces sampled at the start of steps, binned rates.</summary>
internal sealed class Recorder<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Network _network;
    private readonly List<(SpikeRecording Recording, ChunkedList<long> Steps, ChunkedList<int> Indices)> _spikes = new();
    private readonly List<(RateRecording Recording, long[] Counts)> _rates = new();
    // A trace of a plain state (or per-neuron parameter) reads its array directly (Direct); any other
    // value is evaluated over the range. Each trace's table of samples is allocated up front.
    private readonly List<(TraceRecording Recording, VectorNode<T> Value, Frame<T> Frame, T[]? Direct, SampleTable Samples)> _traces = new();
    private readonly List<(SignalRecording Recording, SampleTable Samples)> _signalTraces = new();
    private readonly List<(SynapseTraceRecording Recording, ProjectionRuntime<T> Projection, SampleTable Samples)> _synapseTraces = new();
    private readonly T[][] _signals;
    private readonly long _spikeLimit;
    private long _recordedSpikes;

    /// <param name="spikeLimit">The most spikes all spike recordings together may hold; one more stops the run (<see cref="RecordingLimitException"/>).</param>
    public Recorder(Network network, PopulationRuntime<T>[] populations, ProjectionRuntime<T>[] projections, T[][] signals, long? spikeLimit)
    {
        _network = network;
        _signals = signals;
        _spikeLimit = spikeLimit ?? long.MaxValue;
        long steps = network.Settings.Steps;
        foreach (var recording in network.Recordings)
        {
            switch (recording)
            {
                case SpikeRecording s:
                    _spikes.Add((s, new ChunkedList<long>(), new ChunkedList<int>()));
                    break;
                case RateRecording r:
                    _rates.Add((r, new long[(steps + r.BinSteps - 1) / r.BinSteps]));
                    break;
                case SignalRecording sr:
                    _signalTraces.Add((sr, new SampleTable(steps, sr.IntervalSteps)));
                    break;
                case SynapseTraceRecording st:
                    _synapseTraces.Add((st, projections[st.Projection], new SampleTable(steps, st.IntervalSteps)));
                    break;
                case TraceRecording t:
                    var population = populations[t.Range.Population];
                    var frame = new Frame<T>(population.States);
                    var direct = t.Value is IrVariable { Ref: { Space: VariableSpace.NeuronState } state } ? population.States[state.Slot]
                        : t.Value is IrVariable { Ref: { Space: VariableSpace.NeuronParameter } parameter } ? population.Parameters.ElementAtOrDefault(parameter.Slot)
                        : null;
                    _traces.Add((t, population.Evaluator!.Compile(t.Value), frame, direct, new SampleTable(steps, t.IntervalSteps)));
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
                    _recordedSpikes++;
                }
            }
        }
        if (_recordedSpikes > _spikeLimit)
        {
            throw new RecordingLimitException(_recordedSpikes, step);
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
        foreach (var (recording, samples) in _signalTraces)
        {
            if (step % recording.IntervalSteps == 0)
            {
                samples.Add(step, 1)[0] = Num<T>.ToDouble(_signals[recording.Signal][0]);
            }
        }
        foreach (var (recording, projection, samples) in _synapseTraces)
        {
            if (step % recording.IntervalSteps == 0)
            {
                SampleSynapses(recording, projection, samples.Add(step, (recording.Stop ?? projection.Synapses.Count) - recording.Start), step);
            }
        }
        foreach (var (recording, value, frame, direct, samples) in _traces)
        {
            if (step % recording.IntervalSteps != 0)
            {
                continue;
            }
            int count = recording.Range.Count;
            var row = samples.Add(step, count);
            if (direct is not null)
            {
                var source = direct.AsSpan(recording.Range.Start, count);
                for (int k = 0; k < count; k++)
                {
                    row[k] = Num<T>.ToDouble(source[k]);
                }
                continue;
            }
            frame.Step = step;
            frame.Time = time;
            for (int start = 0; start < count; start += Frame<T>.BlockSize)
            {
                frame.Start = recording.Range.Start + start;
                frame.Length = Math.Min(Frame<T>.BlockSize, count - start);
                var block = value.Eval(frame);
                for (int k = 0; k < frame.Length; k++)
                {
                    row[start + k] = Num<T>.ToDouble(block[k]);
                }
            }
        }
    }

    /// <summary>The recorded synapses' values at the start of <paramref name="step"/>; event-driven states as advanced to it (without changing them).</summary>
    private static void SampleSynapses(SynapseTraceRecording recording, ProjectionRuntime<T> projection, Span<double> row, long step)
    {
        var synapse = projection.Projection.Synapse;
        int slot = recording.Variable.Space == VariableSpace.SynapseState ? synapse.Parameters.Length + recording.Variable.Slot : recording.Variable.Slot;
        if (projection.Values[slot] is not { } array)
        {
            double shared = synapse.Parameters[slot].Initial is IrConstant c ? c.Value : double.NaN;
            row.Fill(Num<T>.ToDouble(Num<T>.From(shared)));
            return;
        }
        int eventDriven = projection.EventDriven?.IndexOf(array) ?? -1;
        for (int k = 0; k < row.Length; k++)
        {
            int synapseIndex = recording.Start + k;
            row[k] = Num<T>.ToDouble(eventDriven < 0 ? array[synapseIndex] : projection.EventDriven!.ValueAt(eventDriven, synapseIndex, step));
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
            long keep = steps.Count;
            while (keep > 0 && steps[keep - 1] >= step)
            {
                keep--;
            }
            steps.Truncate(keep);
            indices.Truncate(keep);
        }
        for (int r = 0; r < _rates.Count; r++)
        {
            var (recording, counts) = _rates[r];
            _rates[r] = (recording, counts[..(int)Math.Min(counts.Length, step / recording.BinSteps)]);
        }
        foreach (var trace in _traces)
        {
            trace.Samples.Truncate(step);
        }
        foreach (var (_, samples) in _signalTraces)
        {
            samples.Truncate(step);
        }
        foreach (var (_, _, samples) in _synapseTraces)
        {
            samples.Truncate(step);
        }
    }

    private string Name(PopulationRange range) => _network.Populations[range.Population].Name;

    public ImmutableArray<SpikeTrain> Spikes() => _spikes.Select(s =>
        new SpikeTrain(Name(s.Recording.Range), s.Recording.Range.Start, s.Recording.Range.Count, s.Steps.ToImmutableArray(), s.Indices.ToImmutableArray())).ToImmutableArray();

    public ImmutableArray<Trace> Traces() => _traces.Select(t =>
            new Trace(Name(t.Recording.Range), t.Recording.Name, t.Recording.Range.Start, t.Recording.Range.Count, t.Samples.Steps, t.Samples.Rows))
        .Concat(_synapseTraces.Select(s =>
        {
            int count = (s.Recording.Stop ?? s.Projection.Synapses.Count) - s.Recording.Start;
            return new Trace(s.Projection.Projection.Name, s.Recording.Name, s.Recording.Start, count, s.Samples.Steps, s.Samples.Rows, OfSynapses: true);
        }))
        .Concat(_signalTraces.Select(s =>
            new Trace(Core.Files.ResultFileNames.ModelOwner, _network.Signals.Variables[s.Recording.Signal].Name, 0, 1, s.Samples.Steps, s.Samples.Rows)))
        .ToImmutableArray();

    public ImmutableArray<RateTrace> Rates() => _rates.Select(r =>
    {
        double binSeconds = r.Recording.BinSteps * _network.Settings.Dt;
        int count = Math.Max(1, r.Recording.Range.Count);
        return new RateTrace(Name(r.Recording.Range), r.Recording.Range.Start, r.Recording.Range.Count, r.Recording.BinSteps,
            r.Counts.Select(c => c / (count * binSeconds)).ToImmutableArray());
    }).ToImmutableArray();
}
