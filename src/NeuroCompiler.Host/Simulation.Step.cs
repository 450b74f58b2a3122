using System.Collections.Immutable;
using System.Diagnostics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host;

// The loop: step after step in the order of docs/semantics.md (see Simulation.cs), and the result.
internal sealed partial class Simulation<T>
{
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
            if (population.Kernel is null && population.Evaluator?.Stepper is { } stepper)
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
                if (count < 0)
                {
                    Keep(population, worker, ~count);
                    count = 0;
                }
                population.WorkerCounts[worker] = count;
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
