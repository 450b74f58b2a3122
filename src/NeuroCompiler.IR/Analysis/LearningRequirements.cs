using System.Collections.Immutable;

namespace NeuroCompiler.IR;

/// <summary>When a part of a learning rule runs.</summary>
public enum RuleTrigger
{
    /// <summary><c>on_pre</c>: a presynaptic spike arrives.</summary>
    PresynapticSpike,
    /// <summary><c>on_post</c>: the postsynaptic neuron spikes.</summary>
    PostsynapticSpike,
    /// <summary>A clock rule, every <see cref="RuleTiming.IntervalSteps"/> steps.</summary>
    Clock,
    Prune,
    Grow,
    /// <summary>A change of a synapse of another projection spreads to this one's.</summary>
    Spread,
}

public sealed record RuleTiming(RuleTrigger Trigger, int? IntervalSteps);

/// <summary>
/// What a projection's learning needs, for a hardware target to check whether a device can run it:
/// the per-synapse variables it keeps and changes, the states solved between events (exponential
/// decays), when each part runs, what it reads and writes outside the synapse (neuron variables on
/// either side, model-level states such as a neuromodulator), whether it draws random numbers, and
/// the projections its changes spread to.
/// </summary>
public sealed record LearningRequirements(
    int Projection,
    ImmutableArray<string> ChangingSynapseVariables,
    ImmutableArray<string> EventDrivenStates,
    ImmutableArray<RuleTiming> Timings,
    ImmutableArray<VariableRef> Reads,
    ImmutableArray<VariableRef> Writes,
    bool UsesRandom,
    bool Structural,
    ImmutableArray<int> SpreadsTo)
{
    /// <summary>The projection's requirements, or null when its synapses do not learn (nothing about them changes).</summary>
    public static LearningRequirements? Of(Network network, Projection projection)
    {
        var model = projection.Synapse;
        bool spreadTarget = network.Spreads.Any(s => s.Target == projection.Index);
        if (!model.IsPlastic && !spreadTarget && model.EventDriven is null)
        {
            return null;
        }
        var changing = model.Statements.Select(a => a.Target)
            .Concat(network.Spreads.Where(s => s.Target == projection.Index).Select(s => s.TargetVariable))
            .Where(r => r.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState)
            .Concat(model.Odes.Select(o => new VariableRef(VariableSpace.SynapseState, o.State)))
            .Concat((model.EventDriven?.States ?? ImmutableArray<int>.Empty).Select(s => new VariableRef(VariableSpace.SynapseState, s)))
            .Distinct()
            .Select(r => r.Space == VariableSpace.SynapseParameter ? model.Parameters[r.Slot].Name : model.States[r.Slot].Name)
            .ToImmutableArray();
        var timings = ImmutableArray.CreateBuilder<RuleTiming>();
        if (model.OnPre.Any(WritesSynapse))
        {
            timings.Add(new RuleTiming(RuleTrigger.PresynapticSpike, null));
        }
        if (!model.OnPost.IsEmpty)
        {
            timings.Add(new RuleTiming(RuleTrigger.PostsynapticSpike, null));
        }
        timings.AddRange(model.ClockRules.Select(r => new RuleTiming(RuleTrigger.Clock, r.IntervalSteps)));
        timings.AddRange(model.Structure.Select(r => new RuleTiming(r.Kind == StructuralKind.Prune ? RuleTrigger.Prune : RuleTrigger.Grow, r.IntervalSteps)));
        if (spreadTarget)
        {
            timings.Add(new RuleTiming(RuleTrigger.Spread, null));
        }
        var values = model.Statements.Select(a => a.Value).Concat(model.Odes.Select(o => o.Rhs)).Concat(model.Structure.Select(r => r.Condition)).ToList();
        var reads = values.SelectMany(Variables).Where(Outside).Distinct().ToImmutableArray();
        var writes = model.Statements.Select(a => a.Target).Where(Outside).Distinct().ToImmutableArray();
        return new LearningRequirements(projection.Index, changing,
            (model.EventDriven?.States ?? ImmutableArray<int>.Empty).Select(s => model.States[s].Name).ToImmutableArray(),
            timings.ToImmutable(), reads, writes, values.Any(v => v.HasRandom() || v.HasNoise()), !model.Structure.IsEmpty,
            network.Spreads.Where(s => s.Source == projection.Index).Select(s => s.Target).ToImmutableArray());
    }

    private static bool WritesSynapse(Assignment a) => a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState;

    /// <summary>A variable that is not the synapse's own nor a constant of the model.</summary>
    private static bool Outside(VariableRef r) =>
        r.Space is VariableSpace.NeuronState or VariableSpace.NeuronParameter or VariableSpace.Signal or VariableSpace.Time or VariableSpace.Index;

    private static IEnumerable<VariableRef> Variables(IrExpression e)
    {
        var found = new List<VariableRef>();
        e.Any(n =>
        {
            if (n is IrVariable v)
            {
                found.Add(v.Ref);
            }
            return false;
        });
        return found;
    }
}
