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
/// Exponential Euler: each equation written dx/dt = A x + B with A and B free of x, then
/// x ← x + (B/A + x)(exp(A dt) − 1) ... evaluated as x_new = −B/A + (x + B/A)·exp(A dt), or x + B dt where A = 0.
/// </summary>
public sealed record ExponentialEuler(ImmutableArray<int> States, ImmutableArray<IrExpression> A, ImmutableArray<IrExpression> B) : Integrator(States)
{
    public override string MethodName => "exponential_euler";
}

public enum RungeKuttaMethod
{
    Euler,
    Midpoint,
    RungeKutta4,
}

/// <summary>Explicit Runge–Kutta: forward Euler, the midpoint method (RK2) or classic RK4.</summary>
public sealed record RungeKutta(ImmutableArray<int> States, RungeKuttaMethod Method, ImmutableArray<IrExpression> Derivatives) : Integrator(States)
{
    public override string MethodName => Method switch
    {
        RungeKuttaMethod.Euler => "euler",
        RungeKuttaMethod.Midpoint => "rk2",
        _ => "rk4",
    };
}

/// <summary>One noise term of a stochastic equation: Coefficient · xi_Noise.</summary>
public sealed record NoiseTerm(int Noise, IrExpression Coefficient);

/// <summary>
/// Euler–Maruyama for dx = f dt + Σ g_k dW_k: x ← x + f·dt + Σ g_k·sqrt(dt)·ξ_k, each ξ_k a standard
/// normal drawn per element and step from the stream <see cref="NoiseStreams"/>[k].
/// </summary>
public sealed record EulerMaruyama(ImmutableArray<int> States, ImmutableArray<IrExpression> Drift, ImmutableArray<ImmutableArray<NoiseTerm>> Diffusion,
    ImmutableArray<uint> NoiseStreams) : Integrator(States)
{
    public override string MethodName => "euler_maruyama";
}
