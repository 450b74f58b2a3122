using System.Collections.Immutable;
using System.Diagnostics;
using System.Numerics;
using NeuroCompiler.Interpreter.Recording;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// One run of a network in precision T. The order of work within step n (time t = n·dt) is the
/// reference semantics (docs/semantics.md):
/// 1. protocol: values set for a window come back, then this step's events apply;
/// 2. traces are sampled (values at the start of the step);
/// 3. injected currents change where their waveform steps;
/// 4. model-level states integrate from t to t + dt, then every population (refractory neurons'
///    clamped states stand still), then synapses with equations, each reading the values at t;
/// 5. thresholds: a neuron spikes at step n if its condition holds, it is not refractory and not
///    silenced; spike generators emit their step-n spikes;
/// 6. presynaptic spikes of step n − d reach synapses of delay d (on_pre), projection by projection,
///    older spikes first, then by source index, then in synapse order (by delay, then target);
/// 7. on_post handlers of the synapses onto this step's spiking neurons, then clock rules and
///    structural rules (pruning, growth) due this step;
/// 8. Poisson inputs add weight·k to their targets;
/// 9. spiking neurons reset, and become refractory.
/// A value that is not finite stops the run where it is found (Simulation.NonFinite.cs): the results
/// are then those of the steps before.
/// </summary>
internal sealed partial class Simulation<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Network _network;
    private readonly InterpreterOptions _options;
    private readonly ulong _seed;
    private readonly T _dt;
    private readonly Box<T>?[] _globals;
    private readonly Integrators.StateGroup<T> _signals;
    private readonly Integrators.Stepper<T>? _signalStepper;
    private readonly HashSet<(int Population, int Parameter)> _injected;
    private readonly PopulationRuntime<T>[] _populations;
    private readonly ProjectionRuntime<T>[] _projections;
    private readonly StimulusRunner<T> _stimuli;
    private readonly ProtocolRunner<T> _protocol;
    private readonly Recorder<T> _recorder;
    private readonly long[] _events;
    private readonly WorkerPool _pool;
    private readonly Action<int> _region;

    /// <summary>Per worker: its share of a population (made once, not per step).</summary>
    private readonly Func<int, (int Start, int End)>[] _shares;
    private bool _deliverInRegion;
    private bool _kernelsPending;

    private readonly IKernelFactory<T>? _kernels;

    public Simulation(Network network, InterpreterOptions options, IKernelFactory<T>? kernels = null)
    {
        _network = network;
        _kernels = kernels;
        _options = options;
        _seed = network.Settings.Seed;
        _dt = Num<T>.From(network.Settings.Dt);
        _globals = network.Globals.Select(g => g.Mutable ? new Box<T>(Num<T>.From(g.Value)) : null).ToArray();
        _signals = new Integrators.StateGroup<T>(1, network.Signals.Variables.Select(v => new[] { Num<T>.From(v.Initial) }).ToArray(),
            new bool[network.Signals.Variables.Length]);
        _signalStepper = network.Signals.Integrator is { } signalIntegrator
            ? BuildStepper(signalIntegrator, ResolveSignalContext, 1, null)
            : null;
        _injected = network.Stimuli.OfType<CurrentInjection>().Select(c => (c.Target.Population, c.Parameter)).ToHashSet();
        _populations = network.Populations.Select(BuildPopulation).ToArray();
        _projections = network.Projections.Select(BuildProjection).ToArray();
        BuildSpreads();
        if (kernels is { Ready: true })
        {
            BindSynapseKernels();
        }
        foreach (var group in network.Projections.GroupBy(p => p.Source.Population))
        {
            int depth = group.Max(p => p.Synapses!.MaxDelay) + 1;
            _populations[group.Key].History = new SpikeHistory(depth, _populations[group.Key].Size);
        }
        _stimuli = new StimulusRunner<T>(network, _populations);
        int workers = _kernels is null ? 1 : Math.Max(1, options.Workers);
        foreach (var projection in _projections.Where(p => p.Synapses.DelayOffsets is not null))
        {
            int depth = _populations[projection.Projection.Source.Population].History!.Depth;
            projection.DelayCursors = Enumerable.Range(0, workers).Select(_ => Enumerable.Range(0, depth).Select(_ => new int[16]).ToArray()).ToArray();
        }
        _pool = new WorkerPool(workers);
        _events = new long[workers * EventStride];
        _region = Region;
        _shares = Enumerable.Range(0, workers).Select(w => (Func<int, (int, int)>)(p => _populations[p].Share(w))).ToArray();
        foreach (var population in _populations)
        {
            population.Partition(workers);
        }
        // Input can be delivered by each worker to its own neurons when no handler reads or writes
        // anything but the target's state and the synapse's value, and no synapse has equations
        // (they must see the neurons before the input) or an on_post handler
        // (Poisson input then runs before on_post handlers, so there must be none.)
        // Thresholds must be evaluated before any input arrives, so every population with one must
        // have a kernel (an interpreted threshold runs after the region).
        _deliverInRegion = DeliverInRegion();
        _kernelsPending = _kernels is { Ready: false };
        if (_kernels is { Ready: true })
        {
            _kernels.Bound(0);
        }
        _protocol = new ProtocolRunner<T>(network, _populations, _globals, _stimuli, _signals.States);
        _recorder = new Recorder<T>(network, _populations, _projections, _signals.States, options.RecordedSpikeLimit);
        _resident = Resident();
    }

    public SimulationResult Run()
    {
        using var pool = _pool;
        using var resident = _resident;
        var watch = Stopwatch.StartNew();
        long steps = _network.Settings.Steps;
        long progressEvery = Math.Max(1, steps / 100);
        long n = 0;
        RunFailure? failure = null;
        try
        {
            CheckInitialValues();
            for (; n < steps; n++)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                if (_resident is null)
                {
                    Step(n);
                }
                else
                {
                    StepResident(n);
                }
                CountSpikes(n);
                if (_options.Progress is { } progress && n % progressEvery == 0)
                {
                    progress(n, steps);
                }
            }
        }
        catch (NonFiniteException e)
        {
            failure = Describe(e, n);
            _recorder.Truncate(n);
        }
        _resident?.Pull();
        watch.Stop();
        return Result(watch.Elapsed, n, failure);
    }

    /// <summary>Step n's spikes into the populations' statistics, once the step is complete (a step that fails counts none).</summary>
    private void CountSpikes(long n)
    {
        foreach (var population in _populations)
        {
            for (int s = 0; s < population.SpikeCount; s++)
            {
                population.Isi.Spike(population.Spiked[s], n);
            }
        }
    }

    private bool DeliverInRegion() =>
        _projections.All(p => (p.OnPre.Length == 0 || p.Fast) && p.Stepper is null && p.OnPost.Length == 0 && p.ClockRules.All(r => r.Vector is not null)) &&
        _populations.All(p => p.Kernel is not null || p.Threshold is null);

    /// <summary>Binds kernels that were still compiling when the run started; from this step on they run.</summary>
    private void BindKernels(long step)
    {
        _kernelsPending = false;
        foreach (var population in _populations)
        {
            if (population.KernelArrays is { } arrays)
            {
                population.Kernel = _kernels!.Population(population.Population.Index, arrays);
                population.BoundArrays = population.Kernel is null ? null : arrays;
                population.KernelArrays = null;
            }
        }
        BindSynapseKernels();
        bool wasInRegion = _deliverInRegion;
        _deliverInRegion = DeliverInRegion();
        if (_deliverInRegion && !wasInRegion)
        {
            ShareDelayCursors();
        }
        _kernels!.Bound(step);
    }

    /// <summary>
    /// Until now worker 0 alone delivered; from now every worker delivers to its own neurons and
    /// keeps its own delay cursors. A cursor is a place in a synapse row, the same for every
    /// worker, so each starts from a copy of worker 0's.
    /// </summary>
    private void ShareDelayCursors()
    {
        foreach (var projection in _projections)
        {
            if (projection.DelayCursors is not { } all)
            {
                continue;
            }
            for (int w = 1; w < all.Length; w++)
            {
                for (int slot = 0; slot < all[0].Length; slot++)
                {
                    all[w][slot] = (int[])all[0][slot].Clone();
                }
            }
        }
    }

    private void Step(long n)
    {
        if (_kernelsPending && _kernels!.Ready)
        {
            BindKernels(n);
        }
        T time = Num<T>.From(n * _network.Settings.Dt);
        _protocol.Apply(n);
        _recorder.SampleTraces(n, time);
        _stimuli.UpdateCurrents(n);
        _signalStepper?.Step(_signals, n, time);
        CheckSignals(RunFailure.Update);
        foreach (var population in _populations)
        {
            if (population.Model?.Refractory is not null)
            {
                population.UpdateRefractory(n);
            }
            if (population.Kernel is null && population.Stepper is { } stepper)
            {
                stepper.Step(population.Group, n, time);
            }
            if (population.Kernel is null && population.Model is not null)
            {
                CheckShare(population, 0, 0, population.Size);
            }
        }
        _step = n;
        _time = time;
        _pool.Run(_region);
        ThrowNonFiniteNeuron();
        foreach (var projection in _projections)
        {
            if (projection.Stepper is { } synapseStepper)
            {
                synapseStepper.Step(projection.SynapseStates!, n, time);
                CheckSynapses(projection, projection.SynapseStates!.States, projection.Projection.Synapse.Parameters.Length, RunFailure.Update);
            }
        }
        foreach (var population in _populations)
        {
            DetectSpikes(population, n, time);
            population.History?.Store(n, population.Spiked, population.SpikeCount);
            _recorder.RecordSpikes(population, n);
        }
        if (!_deliverInRegion)
        {
            foreach (var projection in _projections)
            {
                Deliver(projection, n, time, projection.Projection.Target.Start, projection.Projection.Target.End, 0);
            }
        }
        foreach (var projection in _projections)
        {
            if (projection.OnPost.Length > 0)
            {
                RunOnPost(projection, n, time);
            }
        }
        RunClockRules(n, time);
        RunStructure(n, time);
        if (!_deliverInRegion)
        {
            _stimuli.ApplyPoisson(n, null, 0);
        }
        foreach (var population in _populations)
        {
            Reset(population, n, time);
        }
    }

    private long _step;
    private T _time;

    /// <summary>
    /// One worker's share of a step: the compiled kernels of its neurons and, when every projection
    /// allows it, the synaptic input to those neurons and their Poisson input. A worker owns the same
    /// range of each population in every phase, so no two workers touch one neuron, and each neuron
    /// receives its inputs in the reference order.
    /// </summary>
    private void Region(int worker)
    {
        long n = _step;
        T time = _time;
        foreach (var population in _populations)
        {
            if (population.Kernel is { } kernel)
            {
                var (start, end) = population.Share(worker);
                int count = kernel(start, end, n, time, population.WorkerCandidates[worker]);
                // ~i: neuron i has a state that is not finite; named now, before this worker's delivery reaches it.
                population.WorkerNonFinite[worker] = count < 0 ? Found(population, ~count) : NoNeuron;
                population.WorkerCounts[worker] = Math.Max(0, count);
            }
        }
        if (_deliverInRegion)
        {
            foreach (var projection in _projections)
            {
                var (start, end) = _populations[projection.Projection.Target.Population].Share(worker);
                Deliver(projection, n, time, Math.Max(start, projection.Projection.Target.Start), Math.Min(end, projection.Projection.Target.End), worker);
            }
            _stimuli.ApplyPoisson(n, _shares[worker], worker);
        }
    }

    private void DetectSpikes(PopulationRuntime<T> population, long n, T time)
    {
        if (population.Model?.Refractory is not null)
        {
            population.UpdateRefractory(n); // (done already this step when the population integrated)
        }
        population.SpikeCount = 0;
        if (population.Population.Spikes is { } generator)
        {
            EmitGeneratorSpikes(population, generator, n);
            return;
        }
        if (population.Kernel is not null)
        {
            CollectSpikes(population);
            return;
        }
        if (population.Threshold is not { } threshold)
        {
            return;
        }
        bool hasRefractory = population.Model!.Refractory is not null;
        var frame = population.Group.Frame;
        frame.Step = n;
        frame.Time = time;
        for (int start = 0; start < population.Size; start += Frame<T>.BlockSize)
        {
            frame.Start = start;
            frame.Length = Math.Min(Frame<T>.BlockSize, population.Size - start);
            var condition = threshold.Eval(frame);
            for (int i = 0; i < condition.Length; i++)
            {
                int neuron = start + i;
                if (condition[i] != T.Zero && (!hasRefractory || !population.Refractory[neuron]) && population.SilenceDepth[neuron] == 0)
                {
                    population.Spiked[population.SpikeCount++] = neuron;
                }
            }
        }
    }

    /// <summary>Spikes from a kernel's candidates (ascending, not refractory): those not silenced.</summary>
    private static void CollectSpikes(PopulationRuntime<T> population)
    {
        for (int w = 0; w < population.WorkerCounts.Length; w++)
        {
            var candidates = population.WorkerCandidates[w];
            for (int c = 0; c < population.WorkerCounts[w]; c++)
            {
                int neuron = candidates[c];
                if (population.SilenceDepth[neuron] == 0)
                {
                    population.Spiked[population.SpikeCount++] = neuron;
                }
            }
        }
    }

    private static void EmitGeneratorSpikes(PopulationRuntime<T> population, SpikeSource generator, long n)
    {
        int count = generator.Steps.Length;
        if (count == 0)
        {
            return;
        }
        while (true)
        {
            if (population.NextGeneratorSpike >= count)
            {
                if (generator.PeriodSteps is not { } period)
                {
                    return;
                }
                population.NextGeneratorSpike = 0;
                population.GeneratorOffset += period;
            }
            int k = population.NextGeneratorSpike;
            long at = generator.Steps[k] + population.GeneratorOffset;
            if (at > n)
            {
                return;
            }
            population.NextGeneratorSpike++;
            int neuron = generator.Indices[k];
            // Two spikes of one neuron in one step count once.
            if (at == n && population.SilenceDepth[neuron] == 0 &&
                (population.SpikeCount == 0 || population.Spiked[population.SpikeCount - 1] != neuron))
            {
                population.Spiked[population.SpikeCount++] = neuron;
            }
        }
    }

    private static void Apply(HandlerStatement<T>[] statements, Frame<T> frame)
    {
        foreach (var statement in statements)
        {
            T value = statement.Value.Eval(frame)[0];
            int index = statement.Index switch
            {
                HandlerIndex.Synapse => frame.Start,
                HandlerIndex.Post => frame.Post,
                HandlerIndex.Pre => frame.Pre,
                _ => 0,
            };
            if (statement.Refractory is { } refractory && refractory[index])
            {
                continue;
            }
            ref T target = ref statement.Target[index];
            target = Assign(target, statement.Operator, value);
            CheckWrite(statement, index);
        }
    }

    public static T Assign(T current, AssignOperator op, T value) => op switch
    {
        AssignOperator.Add => current + value,
        AssignOperator.Subtract => current - value,
        AssignOperator.Multiply => current * value,
        AssignOperator.Divide => current / value,
        _ => value,
    };

    private void RunOnPost(ProjectionRuntime<T> projection, long n, T time)
    {
        var target = _populations[projection.Projection.Target.Population];
        var range = projection.Projection.Target;
        var frame = projection.Frame;
        frame.Step = n;
        frame.Time = time;
        for (int s = 0; s < target.SpikeCount; s++)
        {
            int neuron = target.Spiked[s];
            if (!range.Contains(neuron))
            {
                continue;
            }
            if (projection.Compiled?.Post is { } compiled)
            {
                compiled(neuron, n, time);
                continue;
            }
            for (int m = projection.IncomingStart![neuron]; m < projection.IncomingStart[neuron + 1]; m++)
            {
                int k = projection.Incoming![m];
                if (projection.Structure is { } structure && structure.Exists[k] == T.Zero)
                {
                    continue;
                }
                frame.Start = k;
                frame.Pre = projection.PreOfSynapse![k];
                frame.Post = neuron;
                RunHandler(projection, projection.OnPost, frame, n);
            }
        }
    }

    private static void Reset(PopulationRuntime<T> population, long n, T time)
    {
        if (population.SpikeCount == 0 || population.Model is null)
        {
            return;
        }
        var frame = population.Group.Frame;
        frame.Step = n;
        frame.Time = time;
        frame.Length = 1;
        for (int s = 0; s < population.SpikeCount; s++)
        {
            int neuron = population.Spiked[s];
            frame.Start = neuron;
            foreach (var (target, perNeuron, op, value) in population.Reset)
            {
                T v = value.Eval(frame)[0];
                int index = perNeuron ? neuron : 0;
                target[index] = Assign(target[index], op, v);
            }
            population.LastSpike[neuron] = n;
        }
    }

    /// <param name="steps">The steps completed: all of them, or those before a failure.</param>
    private SimulationResult Result(TimeSpan elapsed, long steps, RunFailure? failure)
    {
        double duration = steps * _network.Settings.Dt;
        var summaries = _populations.Select(p =>
        {
            var (cv, neurons) = p.Isi.MeanCv();
            double rate = p.Size == 0 || duration == 0 ? 0 : p.Isi.TotalSpikes / (p.Size * duration);
            return new PopulationSummary(p.Population.Name, p.Size, p.Isi.TotalSpikes, rate, cv, neurons);
        }).ToImmutableArray();
        return new SimulationResult(_network.Settings.Name, _kernels?.Backend ?? ReferenceInterpreter.BackendName, _seed,
            _network.Settings.Precision.ToString().ToLowerInvariant(), _network.Settings.Dt, steps,
            summaries, _network.TotalSynapses, _network.SynapseBytes, _events.Sum() + (_resident?.Events ?? 0), _recorder.Spikes(), _recorder.Traces(), _recorder.Rates(), elapsed)
        {
            Failure = failure,
        };
    }
}
