using System.Collections.Immutable;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics;

/// <summary>What a protocol action changes: a model parameter, a population's variable, or a stimulus's rate.</summary>
public abstract record BoundActionTarget(SourceLocation Location);

public sealed record GlobalTarget(VariableSymbol Parameter, SourceLocation Location) : BoundActionTarget(Location);

public sealed record PopulationVariableTarget(BoundTarget Target) : BoundActionTarget(Target.Location);

public sealed record StimulusRateTarget(BoundPoissonInput Stimulus, SourceLocation Location) : BoundActionTarget(Location);

public abstract record BoundAction(SourceLocation Location);

/// <summary>Sets a value at <see cref="BoundProtocolEvent.Time"/>; with <see cref="BoundProtocolEvent.Until"/> the old value comes back then.</summary>
public sealed record BoundSetAction(BoundActionTarget Target, double Value, SourceLocation Location) : BoundAction(Location);

public sealed record BoundSilenceAction(BoundSlice Slice, SourceLocation Location) : BoundAction(Location);

/// <summary>A one-off change of a state variable: <c>E[0:10].v += 5 mV</c>.</summary>
public sealed record BoundKickAction(BoundTarget Target, AssignmentOperator Operator, double Value, SourceLocation Location) : BoundAction(Location);

/// <summary>A one-off change of a model-level state (a signal): <c>dopamine += 0.5</c>.</summary>
public sealed record BoundSignalKickAction(VariableSymbol Signal, AssignmentOperator Operator, double Value, SourceLocation Location) : BoundAction(Location);

public sealed record BoundProtocolEvent(double Time, double? Until, BoundAction Action);

public sealed record BoundSegment(string Name, double Start, double Duration, SourceLocation Location);

public sealed record BoundProtocol(ImmutableArray<BoundSegment> Segments, ImmutableArray<BoundProtocolEvent> Events)
{
    public static readonly BoundProtocol Empty = new(ImmutableArray<BoundSegment>.Empty, ImmutableArray<BoundProtocolEvent>.Empty);

    public double? SegmentsDuration => Segments.IsEmpty ? null : Segments[^1].Start + Segments[^1].Duration;
}
