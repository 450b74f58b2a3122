using System.Collections.Immutable;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

public sealed record ModelSettings(string Name, double Dt, long Steps, ulong Seed, Precision Precision)
{
    public double Duration => Steps * Dt;
}

/// <summary>A model-level parameter; <see cref="Mutable"/> when the protocol changes it.</summary>
public sealed record GlobalParameter(string Name, Dimension Dimension, double Value, bool Mutable);

/// <summary>A model-level state: one value for the whole network (a neuromodulator such as dopamine).</summary>
public sealed record SignalVariable(string Name, Dimension Dimension, double Initial);

/// <summary>
/// The model-level states and their equations. They are integrated together, first in every step,
/// and every neuron and synapse reads them (<see cref="VariableSpace.Signal"/>).
/// </summary>
public sealed record Signals(ImmutableArray<SignalVariable> Variables, ImmutableArray<Ode> Odes, Integrator? Integrator)
{
    public static readonly Signals None = new(ImmutableArray<SignalVariable>.Empty, ImmutableArray<Ode>.Empty, null);
}

/// <summary>The whole model in the IR: what every backend runs and every target maps.</summary>
public sealed record Network(
    ModelSettings Settings,
    ImmutableArray<GlobalParameter> Globals,
    Signals Signals,
    ImmutableArray<Population> Populations,
    ImmutableArray<Projection> Projections,
    ImmutableArray<Stimulus> Stimuli,
    ImmutableArray<ProtocolEvent> Protocol,
    ImmutableArray<Recording> Recordings)
{
    /// <summary>Spreads of plasticity between projections, in declaration order (acyclic).</summary>
    public ImmutableArray<Spread> Spreads { get; init; } = ImmutableArray<Spread>.Empty;

    /// <summary>Task trials, in declaration order (<see cref="TaskTrial"/>).</summary>
    public ImmutableArray<TaskTrial> Tasks { get; init; } = ImmutableArray<TaskTrial>.Empty;

    public long TotalNeurons => Populations.Sum(p => (long)p.Size);

    public long TotalSynapses => Projections.Sum(p => (long)(p.Synapses?.Count ?? 0));

    /// <summary>Bytes the built synapses take (row starts, targets, delays, per-synapse values).</summary>
    public long SynapseBytes => Projections.Sum(p => p.Synapses?.Bytes ?? 0);
}

public enum SpreadDirection
{
    /// <summary>To the synapses of the target projection onto the changed synapse's presynaptic neuron.</summary>
    Backward,
    /// <summary>To the synapses of the target projection from the changed synapse's presynaptic neuron (other than itself).</summary>
    Lateral,
}

/// <summary>
/// A spread of plasticity: when an on_pre or on_post handler changes variable <see cref="SourceVariable"/> of a
/// synapse of projection <see cref="Source"/> by Δ, every existing synapse of <see cref="Target"/> in
/// <see cref="Direction"/> adds <see cref="Fraction"/>·Δ to its <see cref="TargetVariable"/>, and that change spreads
/// on along <see cref="Target"/>'s own spreads.
/// </summary>
public sealed record Spread(int Source, int Target, VariableRef SourceVariable, VariableRef TargetVariable, double Fraction, SpreadDirection Direction,
    Core.Text.SourceLocation? Location);
