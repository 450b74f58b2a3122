using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host;

// Values that are not finite (docs/semantics.md, "Values that are not finite"): where a run looks for
// them, in the canonical order, and how the first one is named. Each check throws a
// NonFiniteException; Run stops there and keeps the results of the steps before.
internal sealed partial class Simulation<T>
{
    /// <summary>
    /// Before step 0: the signals' initial values, then each population's (neuron by neuron; per-neuron
    /// parameters, then states), then each projection's per-synapse values (synapse by synapse;
    /// parameters, then states).
    /// </summary>
    private void CheckInitialValues()
    {
        CheckSignals(RunFailure.InitialValue);
        foreach (var population in _populations)
        {
            var arrays = population.Parameters.Concat(population.States).ToArray();
            int neuron = NonFiniteScan.First(arrays, 0, population.Size);
            if (neuron >= 0)
            {
                int slot = NonFiniteScan.Variable(arrays, neuron);
                bool parameter = slot < population.Parameters.Length;
                throw new NonFiniteException(parameter ? NonFiniteSite.NeuronParameter : NonFiniteSite.NeuronState, population.Population.Index,
                    parameter ? slot : slot - population.Parameters.Length, neuron, Num<T>.ToDouble(arrays[slot]![neuron]), RunFailure.InitialValue);
            }
        }
        foreach (var projection in _projections)
        {
            CheckSynapses(projection, projection.Values, 0, RunFailure.InitialValue);
        }
    }

    /// <summary>Every model-level state (one value each), in declaration order.</summary>
    private void CheckSignals(string origin)
    {
        if (_signals.States.Length == 0)
        {
            return;
        }
        int slot = NonFiniteScan.Variable(_signals.States, 0);
        if (slot >= 0)
        {
            throw new NonFiniteException(NonFiniteSite.Signal, 0, slot, 0, Num<T>.ToDouble(_signals.States[slot][0]), origin);
        }
    }

    /// <summary>
    /// Phase 4 of the host: a share of a population that the host updated (or that has no kernel),
    /// every state of every neuron; the lowest neuron with one not finite is kept for <see cref="ThrowNonFiniteNeuron"/>.
    /// </summary>
    private void CheckShare(PopulationRuntime<T> population, int worker, int start, int end)
    {
        int neuron = NonFiniteScan.First(population.States, start, end);
        if (neuron >= 0)
        {
            Keep(population, worker, neuron);
        }
    }

    /// <summary>
    /// Set by a worker that found a neuron whose state is not finite (its share's entry in
    /// <see cref="PopulationRuntime{T}.WorkerNonFinite"/> then names it): the only thing the host looks
    /// at after phase 4 of a step where nothing was found. The run stops at the first, so nothing
    /// clears it.
    /// </summary>
    private volatile bool _nonFiniteFound;

    private void Keep(PopulationRuntime<T> population, int worker, int neuron)
    {
        population.WorkerNonFinite[worker] = Found(population, neuron);
        _nonFiniteFound = true;
    }

    /// <summary>
    /// A neuron whose state is not finite after its update, named at once (before any input of the
    /// step reaches it): its first such state and that value.
    /// </summary>
    private static (int Neuron, int State, double Value) Found(PopulationRuntime<T> population, int neuron)
    {
        int slot = NonFiniteScan.Variable(population.States, neuron);
        return (neuron, slot, Num<T>.ToDouble(population.States[slot][neuron]));
    }

    /// <summary>
    /// After phase 4: the first population in declaration order that has a neuron whose state is not
    /// finite, its lowest such neuron, that neuron's first such state. Shares are ascending, so the
    /// first worker with one has the lowest neuron.
    /// </summary>
    private void ThrowNonFiniteNeuron()
    {
        if (!_nonFiniteFound)
        {
            return;
        }
        foreach (var population in _populations)
        {
            foreach (var (neuron, slot, value) in population.WorkerNonFinite)
            {
                if (neuron >= 0)
                {
                    throw new NonFiniteException(NonFiniteSite.NeuronState, population.Population.Index, slot, neuron, value, RunFailure.Update);
                }
            }
        }
    }

    /// <summary>A projection's per-synapse variables (<paramref name="arrays"/> by value slot, or its states with <paramref name="firstSlot"/> the number of parameters).</summary>
    private static void CheckSynapses(ProjectionRuntime<T> projection, T[]?[] arrays, int firstSlot, string origin)
    {
        int synapse = NonFiniteScan.First(arrays, 0, projection.Synapses.Count);
        if (synapse >= 0)
        {
            int slot = NonFiniteScan.Variable(arrays, synapse);
            throw NonFiniteException.Synapse(projection.Projection.Index, firstSlot + slot, synapse, Num<T>.ToDouble(arrays[slot]![synapse]), origin);
        }
    }

    /// <summary>The failure a <see cref="NonFiniteException"/> at step <paramref name="step"/> describes, with the model's names.</summary>
    private RunFailure Describe(NonFiniteException e, long step)
    {
        string value = RunFailure.Describe(e.Value);
        double time = step * _network.Settings.Dt;
        switch (e.Site)
        {
            case NonFiniteSite.Signal:
                return new RunFailure(step, time, _network.Signals.Variables[e.Variable].Name, value, e.Origin);
            case NonFiniteSite.NeuronState:
            case NonFiniteSite.NeuronParameter:
                var population = _network.Populations[e.Owner];
                var variables = e.Site == NonFiniteSite.NeuronState ? population.Model!.States : population.Model!.Parameters;
                return new RunFailure(step, time, $"{population.Name}[{e.Element}].{variables[e.Variable].Name}", value, e.Origin);
            default:
                var projection = _network.Projections[e.Owner];
                var synapse = projection.Synapse;
                string name = e.Variable < synapse.Parameters.Length ? synapse.Parameters[e.Variable].Name : synapse.States[e.Variable - synapse.Parameters.Length].Name;
                return new RunFailure(step, time, $"{projection.Name}.{name}[{e.Element}]", value, e.Origin, SynapseNeurons(projection, e.Element));
        }
    }

    /// <summary>"synapse from E[3] to I[17]": its row in the source range, its stored target.</summary>
    private string SynapseNeurons(Projection projection, int synapse)
    {
        var connectivity = projection.Synapses!;
        var rows = connectivity.RowStart;
        int low = 0, high = rows.Length - 2;
        while (low < high)
        {
            int mid = (low + high + 1) >>> 1;
            if (rows[mid] <= synapse) low = mid; else high = mid - 1;
        }
        string source = _network.Populations[projection.Source.Population].Name;
        string target = _network.Populations[projection.Target.Population].Name;
        return $"synapse from {source}[{projection.Source.Start + low}] to {target}[{connectivity.Targets[synapse]}]";
    }
}
