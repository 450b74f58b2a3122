namespace NeuroCompiler.Host;

// A backend's compiled kernels: bound to the run's arrays at the start, or at the first step after they
// are compiled (then the interpreter ran the steps before, with the same results).
internal sealed partial class Simulation<T>
{
    private bool DeliverInRegion() =>
        _projections.All(p => (p.OnPre.Length == 0 || p.Fast) && p.Stepper is null && p.OnPost.Length == 0 && p.ClockRules.All(r => r.Vector is not null)) &&
        _populations.All(p => p.Kernel is not null || !p.HasThreshold);

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

    private PopulationArrays<T> Arrays(PopulationRuntime<T> runtime, T[][]? positions, double[][]? propagators)
    {
        return new PopulationArrays<T>
        {
            States = runtime.States,
            Parameters = runtime.Parameters,
            SharedParameters = runtime.SharedParameters.Select(b => b?.Cell).ToArray(),
            Globals = _globals.Select(b => b?.Cell).ToArray(),
            Signals = _signals.States,
            Positions = positions ?? new T[]?[3],
            Refractory = runtime.Refractory,
            Tracker = runtime.Tracker,
            Saved = runtime.States.Select(s => new T[s.Length]).ToArray(),
            Propagators = propagators?.Select(Convert).ToArray(),
            Seed = _seed,
        };
    }

    /// <summary>The backend's compiled synapse code for every projection that has it (not those a spread starts from).</summary>
    private void BindSynapseKernels()
    {
        foreach (var projection in _projections.Where(p => p.Spreads.Length == 0))
        {
            var model = projection.Projection.Synapse;
            if (model.OnPre.IsEmpty && model.OnPost.IsEmpty && model.ClockRules.IsEmpty)
            {
                continue;
            }
            projection.Compiled = _kernels!.Projection(projection.Projection.Index, new SynapseArrays<T>
            {
                Values = projection.Values,
                Targets = projection.TargetArray,
                PreOfSynapse = projection.PreOfSynapse,
                IncomingStart = projection.IncomingStart,
                Incoming = projection.Incoming,
                Pre = ArraysFor(_populations[projection.Projection.Source.Population]),
                Post = ArraysFor(_populations[projection.Projection.Target.Population]),
                Globals = _globals.Select(b => b?.Cell).ToArray(),
                Signals = _signals.States,
                EventDriven = projection.EventDriven,
                Exists = projection.Structure?.Exists,
                Born = projection.Structure?.Born,
                Seed = _seed,
            });
        }
    }

    private PopulationArrays<T>? ArraysFor(PopulationRuntime<T> population) =>
        population.Model is null ? null : population.BoundArrays ?? population.KernelArrays ?? Arrays(population, null, null);
}
