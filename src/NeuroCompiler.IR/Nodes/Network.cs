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
    public long TotalNeurons => Populations.Sum(p => (long)p.Size);

    public long TotalSynapses => Projections.Sum(p => (long)(p.Synapses?.Count ?? 0));

    /// <summary>Bytes the built synapses take (row starts, targets, delays, per-synapse values).</summary>
    public long SynapseBytes => Projections.Sum(p => p.Synapses?.Bytes ?? 0);
}
