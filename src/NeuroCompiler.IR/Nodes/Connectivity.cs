using System.Collections.Immutable;

namespace NeuroCompiler.IR;

public enum ConnectivityRuleKind
{
    AllToAll,
    OneToOne,
    FixedProbability,
    FixedIndegree,
    FixedOutdegree,
    FixedTotal,
    Probability,
}

/// <summary>How to connect: the rule and its number (p, k or n) or, for <see cref="ConnectivityRuleKind.Probability"/>, an expression of i, j and distance.</summary>
public sealed record ConnectivityRule(ConnectivityRuleKind Kind, double Value, IrExpression? Probability, uint Stream);

/// <summary>
/// The synapses of a projection, built from the rule and the seed. Stored by presynaptic neuron
/// (CSR): the synapses of source neuron <c>Source.Start + s</c> are <c>RowStart[s] .. RowStart[s+1]</c>,
/// sorted by delay, then by target. <see cref="Targets"/> are indices in the target population.
/// <see cref="Values"/> holds, for each per-synapse variable (parameters then states, in model
/// order, null for shared ones), its initial value for every synapse.
/// </summary>
public sealed record Connectivity(
    ImmutableArray<int> RowStart,
    ImmutableArray<int> Targets,
    ImmutableArray<int> Delays,
    int MinDelay,
    int MaxDelay,
    ImmutableArray<ImmutableArray<double>?> Values)
{
    public int Count => Targets.Length;
}
