using System.Collections.Immutable;
using NeuroCompiler.ConnectRules;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Semantics;

public sealed record BoundSettings(string Name, double Dt, double? Duration, ulong Seed, Precision Precision, SourceLocation? DtLocation, SourceLocation? DurationLocation);

public sealed record BoundGlobalParameter(VariableSymbol Symbol, BoundExpression Value, double Evaluated, SourceText Text);

/// <summary>A model-level state (a signal such as a neuromodulator): its initial value and, if it has one, its equation.</summary>
public sealed record BoundSignal(VariableSymbol Symbol, double Initial, BoundOde? Ode);

/// <summary>An override of a type's param or state initial value, for one population or one projection's synapses.</summary>
public sealed record BoundOverride(VariableSymbol Symbol, BoundExpression Value, SourceLocation Location);

public enum LayoutKind
{
    Grid,
    Random,
}

/// <summary>Where the neurons sit: a grid of given shape and spacing, or uniformly random in a box. Lengths in metres.</summary>
public sealed record BoundLayout(LayoutKind Kind, ImmutableArray<int> Shape, double Spacing, ImmutableArray<double> Extent, SourceLocation Location);

/// <summary>A spike generator population fires at given (index, time) pairs, optionally repeating with a period.</summary>
public sealed record BoundSpikeTimes(ImmutableArray<int> Indices, ImmutableArray<double> Times, double? Period);

public sealed record BoundPopulation(
    string Name,
    SourceLocation Location,
    BoundNeuronType? Type,
    BoundSpikeTimes? SpikeTimes,
    int Size,
    ImmutableArray<BoundOverride> Overrides,
    BoundLayout? Layout)
{
    public bool IsSpikeGenerator => SpikeTimes is not null;
}

/// <summary>A contiguous range of a population, <c>E[0:100]</c>; the whole population when not sliced.</summary>
public sealed record BoundSlice(BoundPopulation Population, int Start, int Count, SourceLocation Location)
{
    public bool IsWhole => Start == 0 && Count == Population.Size;

    public override string ToString() => IsWhole ? Population.Name : $"{Population.Name}[{Start}:{Start + Count}]";
}

/// <summary>
/// A projection's connect rule: the rule from the registry with its constant arguments evaluated, and its
/// per-pair expressions (<c>probability(expr)</c>'s p), bound in the synapse's scope, in the rule's order.
/// </summary>
public sealed record BoundConnectivity(RuleArguments Arguments, ImmutableArray<BoundExpression> PairExpressions, SourceLocation Location)
{
    public RuleDescriptor Rule => Arguments.Rule;
}

public sealed record BoundProjection(
    string Name,
    SourceLocation Location,
    BoundSlice Source,
    BoundSlice Target,
    BoundSynapseInstance Synapse,
    BoundConnectivity Connectivity,
    ImmutableArray<BoundOverride> Initializers,
    BoundExpression? Delay,
    SourceLocation? DelayLocation,
    bool Autapses,
    bool Multapses);

/// <summary>Which synapses a change spreads to: those onto the changed synapse's presynaptic neuron, or the other synapses from it.</summary>
public enum SpreadDirection
{
    /// <summary>Synapses whose postsynaptic neuron is the changed synapse's presynaptic neuron.</summary>
    Backward,
    /// <summary>Synapses that share the changed synapse's presynaptic neuron.</summary>
    Lateral,
}

/// <summary>
/// <c>spread ab -> ca { fraction = 0.5 }</c>: when a handler of a synapse of <see cref="Source"/> changes
/// <see cref="Variable"/> by Δ, the synapses of <see cref="Target"/> in <see cref="Direction"/> change theirs by
/// <see cref="Fraction"/>·Δ.
/// </summary>
public sealed record BoundSpread(BoundProjection Source, BoundProjection Target, VariableSymbol Variable, VariableSymbol TargetVariable,
    double Fraction, SpreadDirection Direction, SourceLocation Location);
