using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics;

public abstract record BoundRecording(SourceLocation Location);

public sealed record BoundSpikeRecording(BoundSlice Slice, SourceLocation Location) : BoundRecording(Location);

/// <summary>The population rate (spikes per neuron per second) in bins of <see cref="Bin"/> seconds.</summary>
public sealed record BoundRateRecording(BoundSlice Slice, double Bin, SourceLocation Location) : BoundRecording(Location);

/// <summary>A state variable (or parameter) of each neuron of the slice, sampled every <see cref="Interval"/> seconds.</summary>
public sealed record BoundTraceRecording(BoundSlice Slice, VariableSymbol Variable, double Interval, SourceLocation Location) : BoundRecording(Location);

/// <summary>A model-level state (signal), sampled every <see cref="Interval"/> seconds.</summary>
public sealed record BoundSignalRecording(VariableSymbol Signal, double Interval, SourceLocation Location) : BoundRecording(Location);

/// <summary>
/// A param or state of each synapse of a projection with rank in [<see cref="Start"/>, <see cref="Stop"/>)
/// (all synapses when <see cref="Stop"/> is null), sampled every <see cref="Interval"/> seconds.
/// The synapse count is known only once connectivity is built, where <see cref="Stop"/> is checked.
/// </summary>
public sealed record BoundSynapseTraceRecording(BoundProjection Projection, int Start, int? Stop, VariableSymbol Variable, double Interval, SourceLocation Location)
    : BoundRecording(Location);
