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
/// sorted by delay, then by target. <see cref="Targets"/> are indices in the target population,
/// in the narrowest integer type that holds them. <see cref="DelayOffsets"/> holds each synapse's
/// delay minus <see cref="MinDelay"/> (null when every synapse has the same delay).
/// <see cref="Values"/> holds, for each per-synapse variable (parameters then states, in model
/// order, null for shared ones), its initial value for every synapse, in the model's precision.
/// </summary>
public sealed record Connectivity(
    ImmutableArray<int> RowStart,
    IndexColumn Targets,
    IndexColumn? DelayOffsets,
    int MinDelay,
    int MaxDelay,
    ImmutableArray<SynapseColumn?> Values)
{
    public int Count => Targets.Length;

    /// <summary>The delay of synapse k, in steps.</summary>
    public int Delay(int k) => DelayOffsets is null ? MinDelay : MinDelay + DelayOffsets[k];

    /// <summary>Bytes the synapses take: row starts, targets, delays and per-synapse values.</summary>
    public long Bytes => 4L * RowStart.Length + Targets.Bytes + (DelayOffsets?.Bytes ?? 0) + Values.Sum(v => v?.Bytes ?? 0);

    public double BytesPerSynapse => Count == 0 ? 0 : Bytes / (double)Count;
}
