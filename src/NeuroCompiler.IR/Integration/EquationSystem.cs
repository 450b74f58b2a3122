using System.Collections.Immutable;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Integration;

/// <summary>
/// The equations of one group (a neuron type, a synapse type's clocked equations, the model-level
/// states) as an integration method sees them: each right-hand side split into its drift and its white
/// noise terms, dx_k = Drift[k] dt + Σ Diffusion[k] · dW.
/// </summary>
/// <param name="StateSpace">Where the integrated states live (neuron, synapse or model-level states).</param>
/// <param name="Clamped">The state slots held while a neuron is refractory; their derivative is zero then.</param>
/// <param name="Parameters">The group's parameters (to know which may change during the run).</param>
/// <param name="NoiseStreams">The random stream of each noise, by its index.</param>
public sealed record EquationSystem(Network Network, ImmutableArray<Ode> Odes, VariableSpace StateSpace, ImmutableArray<IrExpression> Drift,
    ImmutableArray<ImmutableArray<NoiseTerm>> Diffusion, bool Stochastic, ImmutableArray<int> Clamped, ImmutableArray<Variable> Parameters,
    ImmutableArray<uint> NoiseStreams)
{
    public ImmutableArray<int> States { get; } = Odes.Select(o => o.State).ToImmutableArray();

    public double Dt => Network.Settings.Dt;

    public Precision Precision => Network.Settings.Precision;

    /// <summary>The index among <see cref="States"/> of the integrated state an expression reads, or null.</summary>
    public int? StateKey(IrExpression e) =>
        e is IrVariable { Ref: { Side: Side.Self } r } && r.Space == StateSpace && States.IndexOf(r.Slot) is var k and >= 0 ? k : null;

    /// <summary>The indices among <see cref="States"/> of the clamped states.</summary>
    public IEnumerable<int> ClampedIndices => Clamped.Select(slot => States.IndexOf(slot)).Where(k => k >= 0);

    public bool IsClamped(int k) => Clamped.Contains(States[k]);
}
