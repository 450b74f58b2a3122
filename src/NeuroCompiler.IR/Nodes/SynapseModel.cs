using System.Collections.Immutable;

namespace NeuroCompiler.IR;

/// <summary>
/// A synapse type as one projection uses it. Parameters and states are per synapse when
/// <see cref="Variable.PerElement"/>; <see cref="OnPre"/> runs when a presynaptic spike arrives
/// (after its delay), <see cref="OnPost"/> when the postsynaptic neuron spikes.
/// </summary>
public sealed record SynapseModel(
    string TypeName,
    ImmutableArray<Variable> Parameters,
    ImmutableArray<Variable> States,
    ImmutableArray<Ode> Odes,
    IntegrationMethod Method,
    Integrator? Integrator,
    ImmutableArray<Assignment> OnPre,
    ImmutableArray<Assignment> OnPost);
