using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

public abstract record ProtocolItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>segment delay 2 s { silence L }</c>: the actions hold for the segment only.</summary>
public sealed record SegmentSyntax(NameSyntax Name, ExpressionSyntax Duration, ImmutableArray<ActionSyntax> Actions, TextSpan Span) : ProtocolItemSyntax(Span);

/// <summary><c>at 1 s set drive.rate = 20 Hz</c> or <c>at 1 s { ... }</c>.</summary>
public sealed record AtSyntax(ExpressionSyntax Time, ImmutableArray<ActionSyntax> Actions, TextSpan Span) : ProtocolItemSyntax(Span);

public abstract record ActionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>set target = value [for duration]</c>; with a duration the old value comes back afterwards.</summary>
public sealed record SetActionSyntax(VariableRefSyntax Target, ExpressionSyntax Value, ExpressionSyntax? Duration, TextSpan Span) : ActionSyntax(Span);

/// <summary><c>silence E [for duration]</c>: the population emits no spikes.</summary>
public sealed record SilenceActionSyntax(PopulationRefSyntax Population, ExpressionSyntax? Duration, TextSpan Span) : ActionSyntax(Span);

/// <summary><c>E[0:10].v += 5 mV</c>: a one-off change of state.</summary>
public sealed record KickActionSyntax(VariableRefSyntax Target, AssignmentOperator Operator, ExpressionSyntax Value, TextSpan Span) : ActionSyntax(Span);
