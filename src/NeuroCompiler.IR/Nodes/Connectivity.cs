using System.Collections.Immutable;
using NeuroCompiler.ConnectRules;

namespace NeuroCompiler.IR;

/// <summary>
/// How to connect: the rule (its descriptor from <see cref="ConnectivityRules"/>) with its constant arguments, and
/// its per-pair expressions lowered (<c>probability(expr)</c>'s p, an expression of i, j and distance), in the
/// rule's order. <see cref="Stream"/> keys the rule's random draws.
/// </summary>
public sealed record ConnectivityRule(RuleArguments Arguments, ImmutableArray<IrExpression> PairExpressions, uint Stream)
{
    public RuleDescriptor Descriptor => Arguments.Rule;

    /// <summary>The rule as the IR printer shows it: <c>fixed_probability(0.1)</c>.</summary>
    public string Print() => Descriptor.Print(Arguments);
}

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
