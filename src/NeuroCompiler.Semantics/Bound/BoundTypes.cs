using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics;

/// <summary>A param, state or let of a type, with its default value, initial value or definition.</summary>
public sealed record BoundMember(VariableSymbol Symbol, BoundExpression Value);

/// <summary>
/// <c>dX/dt = rhs</c>. An <see cref="EventDriven"/> equation (<c>: event_driven</c>, synapses only) is
/// solved exactly between the synapse's events instead of being stepped on the clock.
/// </summary>
public sealed record BoundOde(VariableSymbol State, BoundExpression Rhs, TextSpan Span, bool EventDriven = false);

/// <summary><c>every INTERVAL { statements }</c>: run for every synapse at steps 0, k, 2k, … (k = interval / dt).</summary>
public sealed record BoundClockRule(double Interval, ImmutableArray<BoundStatement> Statements, SourceLocation Location);

/// <summary>
/// <c>prune every INTERVAL when CONDITION</c> (an existing synapse for which it holds is removed) or
/// <c>grow every INTERVAL when CONDITION</c> (an absent potential synapse for which it holds is created).
/// </summary>
public sealed record BoundStructuralRule(Syntax.StructuralKind Kind, double Interval, BoundExpression Condition, SourceLocation Location);

public sealed record BoundRefractory(BoundExpression Period, ImmutableArray<VariableSymbol> Clamped, TextSpan Span);

/// <summary>A neuron type: its members in declaration order and its dynamics.</summary>
public sealed record BoundNeuronType(
    string Name,
    SourceLocation Location,
    ImmutableArray<BoundMember> Parameters,
    ImmutableArray<BoundMember> States,
    ImmutableArray<BoundMember> Lets,
    ImmutableArray<BoundOde> Odes,
    string? Method,
    SourceLocation? MethodLocation,
    BoundExpression? Threshold,
    ImmutableArray<BoundStatement> Reset,
    BoundRefractory? Refractory)
{
    public BoundMember? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Symbol.Name == name);

    public BoundMember? FindState(string name) => States.FirstOrDefault(s => s.Symbol.Name == name);
}

/// <summary>
/// A synapse type bound for one projection: the names of its handlers (<c>ge</c>, <c>post.v</c>)
/// depend on the neuron types it connects, so each projection binds its own instance.
/// </summary>
public sealed record BoundSynapseInstance(
    string TypeName,
    SourceLocation Location,
    ImmutableArray<BoundMember> Parameters,
    ImmutableArray<BoundMember> States,
    ImmutableArray<BoundMember> Lets,
    ImmutableArray<BoundOde> Odes,
    string? Method,
    SourceLocation? MethodLocation,
    ImmutableArray<BoundStatement> OnPre,
    ImmutableArray<BoundStatement> OnPost,
    ImmutableArray<BoundClockRule> ClockRules,
    ImmutableArray<BoundStructuralRule> Structure);
