using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics;

/// <summary>A variable of a population slice that a stimulus or a protocol action writes.</summary>
public sealed record BoundTarget(BoundSlice Slice, VariableSymbol Variable, SourceLocation Location);

public abstract record BoundStimulus(string Name, SourceLocation Location, ImmutableArray<BoundTarget> Targets);

/// <summary>
/// Independent Poisson input to every target neuron, as Brian2's PoissonInput: each step each
/// neuron's state variable gets <c>weight * k</c> with k ~ Binomial(n, rate*dt).
/// </summary>
public sealed record BoundPoissonInput(string Name, SourceLocation Location, ImmutableArray<BoundTarget> Targets, int Count, BoundExpression Rate, BoundExpression Weight)
    : BoundStimulus(Name, Location, Targets);

public enum WaveformKind
{
    Constant,
    Step,
    Table,
}

/// <summary>
/// A current (or any parameter) injected into target neurons: the target parameter's value is its
/// own value plus the waveform at time t. Times in seconds; a table holds its value until the next time.
/// </summary>
public sealed record BoundCurrentInjection(string Name, SourceLocation Location, ImmutableArray<BoundTarget> Targets, WaveformKind Kind,
    ImmutableArray<double> Times, ImmutableArray<double> Values, Core.Units.Dimension Dimension)
    : BoundStimulus(Name, Location, Targets);
