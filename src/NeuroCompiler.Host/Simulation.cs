using System.Numerics;
using NeuroCompiler.Host.Recording;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

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
/// are then those of the steps before. A population or projection runs the backend's compiled kernels
/// where it supplies them (<see cref="IKernelFactory{T}"/>), shared out among workers, or the whole step
/// on its device (<see cref="IResidentStep{T}"/>); everything else the interpreter evaluates
/// (<see cref="NeuronEvaluator{T}"/>, <see cref="SynapseEvaluator{T}"/>). This file builds the run; the
/// loop is in Simulation.Step.cs.
/// </summary>
internal sealed partial class Simulation<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Network _network;
    private readonly HostOptions _options;
    private readonly ulong _seed;
    private readonly Box<T>?[] _globals;
    private readonly StateGroup<T> _signals;
    private readonly ModelContext<T> _model;
    private readonly Stepper<T>? _signalStepper;
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

    public Simulation(Network network, HostOptions options, IKernelFactory<T>? kernels = null)
    {
        _network = network;
        _kernels = kernels;
        _options = options;
        _seed = network.Settings.Seed;
        _globals = network.Globals.Select(g => g.Mutable ? new Box<T>(Num<T>.From(g.Value)) : null).ToArray();
        _signals = new StateGroup<T>(1, network.Signals.Variables.Select(v => new[] { Num<T>.From(v.Initial) }).ToArray(),
            new bool[network.Signals.Variables.Length]);
        _model = new ModelContext<T>(network, _globals, _signals.States);
        _signalStepper = _model.SignalStepper();
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
}
