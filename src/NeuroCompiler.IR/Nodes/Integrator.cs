using System.Collections.Immutable;

namespace NeuroCompiler.IR;

/// <summary>
/// How a group's states advance by one step, chosen by the integrator pass. Every integrator
/// updates all its states from the values at the start of the step. While a neuron is refractory
/// its clamped states have derivative zero.
/// </summary>
public abstract record Integrator(ImmutableArray<int> States)
{
    public abstract string MethodName { get; }
}

/// <summary>
/// Exact integration of a linear system dx/dt = A x + b with A constant over the run (made of
/// parameters) and b held constant over a step: x(t+dt) = P x + G b with P = expm(A dt),
/// G = ∫0^dt expm(A s) ds. <see cref="A"/> is row-major n×n. When A is the same for every element,
/// <see cref="Matrices"/> holds P and G computed at compile time; otherwise each element's are
/// computed at initialisation by <c>Runtime.Propagator.Compute</c>.
/// </summary>
/// <para>When b is also constant, <see cref="Input"/> holds G·b (and <see cref="RefractoryInput"/> the refractory G·b), and a step is x ← P x + Input.</para>
public sealed record LinearPropagator(ImmutableArray<int> States, ImmutableArray<IrExpression> A, ImmutableArray<IrExpression> B,
    PropagatorMatrices? Matrices, ImmutableArray<double>? Input, ImmutableArray<double>? RefractoryInput) : Integrator(States)
{
    public override string MethodName => "exact";
}

/// <summary>
/// P and G (row-major n×n) for normal steps, and the same for refractory steps, where the clamped
/// states' rows of A and b are zero.
/// </summary>
public sealed record PropagatorMatrices(ImmutableArray<double> P, ImmutableArray<double> G, ImmutableArray<double> RefractoryP,
    ImmutableArray<double> RefractoryG);

/// <summary>
/// Exponential Euler's form of equations dx/dt = A x + B with A and B free of x. An event-driven
/// synapse's states advance with it between events (<see cref="SynapseModel.EventDriven"/>); a clocked
/// group's exponential Euler is lowered to an <see cref="ExplicitIntegrator"/>.
/// </summary>
public sealed record ExponentialEuler(ImmutableArray<int> States, ImmutableArray<IrExpression> A, ImmutableArray<IrExpression> B) : Integrator(States)
{
    public override string MethodName => "exponential_euler";
}

/// <summary>
/// An explicit method lowered to plain IR by its descriptor (<c>Integration/</c>): the per-element
/// temporaries <see cref="Locals"/>, each computed in order and read as <see cref="VariableSpace.Local"/>
/// by later ones, then <see cref="Next"/>, the new value of each of <see cref="Integrator.States"/>. Every
/// expression reads the states as they were at the start of the step; the new values are written
/// after all are computed. Backends evaluate these expressions as they stand, so they agree by construction.
/// </summary>
/// <param name="Contracting">States whose new value is not finite only when their old one is not (x·c with |c| ≤ 1 and nothing added).</param>
public sealed record ExplicitIntegrator(ImmutableArray<int> States, string Method, ImmutableArray<IrExpression> Locals, ImmutableArray<IrExpression> Next,
    ImmutableArray<int> Contracting) : Integrator(States)
{
    public override string MethodName => Method;
}
