using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host;

// The step on a backend's device: the host keeps the protocol, currents, signals and recording,
// and moves the device's arrays only at the steps where it reads or writes them.
internal sealed partial class Simulation<T>
{
    private readonly IResidentStep<T>? _resident;

    /// <summary>
    /// The backend's device step, when the kernels are bound from the start, every projection's
    /// handler touches only the postsynaptic neuron (and that neuron's population has a kernel, whose
    /// arrays the device holds), no synapse has equations or an on_post handler, and every population
    /// with equations or a threshold has a kernel.
    /// </summary>
    private IResidentStep<T>? Resident()
    {
        if (_kernels is not { Ready: true } ||
            _projections.Any(p => p.Stepper is not null || p.OnPost.Length > 0 || p.EventDriven is not null || p.ClockRules.Length > 0 ||
                !p.Projection.Synapse.Structure.IsEmpty ||
                (p.OnPre.Length > 0 && !(PostLocalHandler.Is(p.Projection.Synapse) && _populations[p.Projection.Target.Population].BoundArrays is not null))) ||
            _populations.Any(p => (p.Evaluator?.Stepper is not null || p.HasThreshold) && p.Kernel is null || p.Evaluator?.ResetWritesSignals == true))
        {
            return null;
        }
        var model = new ResidentModel<T>
        {
            Populations = _populations.Select(p => new ResidentPopulation<T>(p.Size, p.BoundArrays, p.LastSpike, p.SilenceDepth,
                p.RefractorySteps, p.RefractoryStepsPerNeuron, p.History?.Depth ?? 0)).ToArray(),
            Projections = _projections.Select(p => p.OnPre.Length == 0 ? null : new ResidentProjection<T>(p.Values)).ToArray(),
            Poisson = _stimuli.Resident(),
            Seed = _seed,
        };
        return _kernels.Resident(model);
    }

    private void StepResident(long n)
    {
        var device = _resident!;
        T time = Num<T>.From(n * _network.Settings.Dt);
        bool acts = _protocol.Acts(n);
        bool pulled = acts || _recorder.SamplesStates(n);
        if (pulled)
        {
            device.Pull();
        }
        _protocol.Apply(n);
        _recorder.SampleTraces(n, time);
        bool currents = _stimuli.UpdateCurrents(n);
        _signalStepper?.Step(_signals, n, time);
        CheckSignals(RunFailure.Update);
        if (acts || currents)
        {
            // Push sends the host's states up too, so they must be the device's first.
            if (!pulled)
            {
                device.Pull();
            }
            device.Push();
        }
        device.Update(n, time);
        CheckResident();
        for (int p = 0; p < _populations.Length; p++)
        {
            var population = _populations[p];
            population.SpikeCount = 0;
            if (population.Population.Spikes is { } generator)
            {
                EmitGeneratorSpikes(population, generator, n);
                device.Store(p, n, population.Spiked.AsSpan(0, population.SpikeCount));
            }
            else if (population.Kernel is not null)
            {
                population.SpikeCount = device.Spikes(p, population.Spiked);
            }
            _recorder.RecordSpikes(population, n);
        }
        device.Deliver(n, time);
    }

    /// <summary>
    /// Phase 4's check on the device step: the device flags each population whose kernel left a state
    /// that is not finite; the host takes the states back and names the first (as for the host's shares).
    /// Populations without a kernel are the host's, and never written by the device.
    /// </summary>
    private void CheckResident()
    {
        int flagged = _resident!.NonFinite();
        if (flagged >= 0)
        {
            _resident.Pull();
        }
        foreach (var population in _populations)
        {
            if (population.Model is not null && (population.Kernel is null || population.Population.Index == flagged))
            {
                CheckShare(population, 0, 0, population.Size);
            }
        }
        ThrowNonFiniteNeuron();
    }
}
