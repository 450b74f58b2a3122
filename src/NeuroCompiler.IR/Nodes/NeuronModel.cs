using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>
/// The refractory period: after a spike the neuron cannot spike for <see cref="Period"/> (rounded to
/// whole steps) and its <see cref="ClampedStates"/> do not change. <see cref="ConstantSteps"/> is set
/// by the delay pass when the period is the same for every neuron.
/// </summary>
public sealed record Refractory(IrExpression Period, ImmutableArray<int> ClampedStates, int? ConstantSteps);

/// <summary>
/// A neuron type as one population uses it: its values folded in, its integrator chosen. <see cref="Method"/> is
/// the integration method as written (<c>method rk4</c>), null to let the integrator pass choose.
/// </summary>
public sealed record NeuronModel(
    string TypeName,
    ImmutableArray<Variable> Parameters,
    ImmutableArray<Variable> States,
    ImmutableArray<Ode> Odes,
    string? Method,
    SourceLocation? MethodLocation,
    Integrator? Integrator,
    IrExpression? Threshold,
    ImmutableArray<Assignment> Reset,
    Refractory? Refractory,
    ImmutableArray<uint> NoiseStreams)
{
    public int StateIndex(string name) => States.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Name == name, (null!, -1)).Item2;

    public int ParameterIndex(string name) => Parameters.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Name == name, (null!, -1)).Item2;
}
