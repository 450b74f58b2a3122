using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>
/// A synapse type as one projection uses it. Parameters and states are per synapse when
/// <see cref="Variable.PerElement"/>; <see cref="OnPre"/> runs when a presynaptic spike arrives
/// (after its delay), <see cref="OnPost"/> when the postsynaptic neuron spikes.
/// <see cref="Odes"/> are the equations stepped on the clock (by <see cref="Integrator"/>);
/// <see cref="EventDriven"/> solves the event-driven ones exactly between a synapse's events.
/// </summary>
public sealed record SynapseModel(
    string TypeName,
    ImmutableArray<Variable> Parameters,
    ImmutableArray<Variable> States,
    ImmutableArray<Ode> Odes,
    string? Method,
    Integrator? Integrator,
    ImmutableArray<Assignment> OnPre,
    ImmutableArray<Assignment> OnPost)
{
    /// <summary>
    /// The event-driven equations, each <c>dx/dt = A x + B</c> with A and B constant over the run, set by
    /// the integrator pass. Before a synapse's handler or a clock rule runs at step n, each such state
    /// advances over Δ = (n − last) dt since the synapse's last update: <c>x ← −B/A + (B/A + x)·exp(A Δ)</c>
    /// (<c>x + B Δ</c> where A is zero), and the synapse's last update becomes n.
    /// </summary>
    public ExponentialEuler? EventDriven { get; init; }

    /// <summary>Statements run for every synapse at fixed intervals (<c>every 10 ms { ... }</c>).</summary>
    public ImmutableArray<ClockRule> ClockRules { get; init; } = ImmutableArray<ClockRule>.Empty;

    /// <summary>Pruning and growth (<c>prune/grow every T when condition</c>); empty when the synapses are fixed.</summary>
    public ImmutableArray<StructuralRule> Structure { get; init; } = ImmutableArray<StructuralRule>.Empty;

    /// <summary>Every statement of the type: on_pre, on_post, then the clock rules'.</summary>
    public IEnumerable<Assignment> Statements => OnPre.Concat(OnPost).Concat(ClockRules.SelectMany(r => r.Statements));

    /// <summary>Whether anything changes the synapses' own variables or existence during the run (learning).</summary>
    public bool IsPlastic => Statements.Any(a => a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState) ||
        !Structure.IsEmpty || !Odes.IsEmpty;

    /// <summary>The model with <paramref name="map"/> applied to every expression it holds.</summary>
    public SynapseModel MapExpressions(Func<IrExpression, IrExpression> map)
    {
        ImmutableArray<Assignment> Map(ImmutableArray<Assignment> statements) => statements.Select(a => a with { Value = map(a.Value) }).ToImmutableArray();
        return this with
        {
            Parameters = Parameters.Select(p => p with { Initial = map(p.Initial) }).ToImmutableArray(),
            States = States.Select(s => s with { Initial = map(s.Initial) }).ToImmutableArray(),
            Odes = Odes.Select(o => o with { Rhs = map(o.Rhs) }).ToImmutableArray(),
            OnPre = Map(OnPre),
            OnPost = Map(OnPost),
            ClockRules = ClockRules.Select(r => r with { Statements = Map(r.Statements) }).ToImmutableArray(),
            Structure = Structure.Select(r => r with { Condition = map(r.Condition) }).ToImmutableArray(),
        };
    }
}

/// <summary>Statements run for every synapse, in rank order, at steps 0, k, 2k, … (k = <see cref="IntervalSteps"/>).</summary>
public sealed record ClockRule(int IntervalSteps, ImmutableArray<Assignment> Statements, SourceLocation? Location);

public enum StructuralKind
{
    /// <summary>An existing synapse for which the condition holds is removed.</summary>
    Prune,
    /// <summary>An absent potential synapse for which the condition holds is created, with its states' initial values.</summary>
    Grow,
}

/// <summary>A structural plasticity rule evaluated for every potential synapse at steps k, 2k, … (k = <see cref="IntervalSteps"/>).</summary>
public sealed record StructuralRule(StructuralKind Kind, int IntervalSteps, IrExpression Condition, SourceLocation? Location);
