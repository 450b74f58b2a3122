using System.Collections.Immutable;

namespace NeuroCompiler.IR.Verification;

/// <summary>
/// The shape of each model: a population has a neuron model or spikes, never both or neither; each
/// state has at most one equation and every equation's state exists; clamped states exist; a spike
/// generator's spikes are sorted and name its neurons; every interval is at least one step.
/// </summary>
public sealed class ModelsWellFormed : IIrCheck
{
    public IrStage From => IrStage.Lowered;

    public void Check(Network network, List<string> problems)
    {
        foreach (var population in network.Populations)
        {
            string where = $"population {population.Name}";
            if ((population.Model is null) == (population.Spikes is null))
            {
                problems.Add($"{where} has {(population.Model is null ? "neither a model nor spikes" : "both a model and spikes")}");
            }
            if (population.Model is { } model)
            {
                CheckEquations(model.Odes, model.States.Length, where, problems);
                foreach (int slot in model.Refractory?.ClampedStates ?? ImmutableArray<int>.Empty)
                {
                    if (!ReferencesResolve.InRange(slot, model.States.Length))
                    {
                        problems.Add($"{where} clamps state slot {slot}, which does not exist");
                    }
                }
            }
            if (population.Spikes is { } spikes)
            {
                CheckSpikes(spikes, population.Size, where, problems);
            }
        }
        foreach (var projection in network.Projections)
        {
            var synapse = projection.Synapse;
            string where = $"projection {projection.Name}";
            CheckEquations(synapse.Odes, synapse.States.Length, where, problems);
            if (synapse.ClockRules.Any(r => r.IntervalSteps < 1) || synapse.Structure.Any(r => r.IntervalSteps < 1))
            {
                problems.Add($"{where} has a rule that runs every {synapse.ClockRules.Select(r => r.IntervalSteps).Concat(synapse.Structure.Select(r => r.IntervalSteps)).Min()} steps");
            }
        }
        CheckEquations(network.Signals.Odes, network.Signals.Variables.Length, "the model-level states", problems);
        foreach (var recording in network.Recordings)
        {
            int interval = recording switch
            {
                RateRecording r => r.BinSteps,
                TraceRecording t => t.IntervalSteps,
                SignalRecording s => s.IntervalSteps,
                SynapseTraceRecording s => s.IntervalSteps,
                _ => 1,
            };
            if (interval < 1)
            {
                problems.Add($"a recording ({recording.GetType().Name}) samples every {interval} steps");
            }
        }
    }

    private static void CheckEquations(ImmutableArray<Ode> odes, int states, string where, List<string> problems)
    {
        var seen = new HashSet<int>();
        foreach (var ode in odes)
        {
            if (!ReferencesResolve.InRange(ode.State, states))
            {
                problems.Add($"{where} has an equation for state slot {ode.State}, which does not exist");
            }
            else if (!seen.Add(ode.State))
            {
                problems.Add($"{where} has two equations for state slot {ode.State}");
            }
        }
    }

    private static void CheckSpikes(SpikeSource spikes, int size, string where, List<string> problems)
    {
        if (spikes.Steps.Length != spikes.Indices.Length)
        {
            problems.Add($"{where}: {spikes.Steps.Length} spike steps but {spikes.Indices.Length} indices");
            return;
        }
        for (int k = 0; k < spikes.Steps.Length; k++)
        {
            if (!ReferencesResolve.InRange(spikes.Indices[k], size) || spikes.Steps[k] < 0 || k > 0 && spikes.Steps[k] < spikes.Steps[k - 1])
            {
                problems.Add($"{where}: spike {k} (neuron {spikes.Indices[k]} at step {spikes.Steps[k]}) is outside the population or out of order");
                return;
            }
        }
    }
}
