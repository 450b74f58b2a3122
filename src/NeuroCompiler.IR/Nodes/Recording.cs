using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>Something the model asks to record, and where it asks (null for recordings a command adds itself).</summary>
public abstract record Recording(SourceLocation? Location = null);

public sealed record SpikeRecording(PopulationRange Range, SourceLocation? Location = null) : Recording(Location);

/// <summary>Spikes per neuron per second of the range, in bins of <see cref="BinSteps"/> steps.</summary>
public sealed record RateRecording(PopulationRange Range, int BinSteps, SourceLocation? Location = null) : Recording(Location);

/// <summary>
/// A variable of each neuron in the range, sampled at the end of every <see cref="IntervalSteps"/>-th
/// step (steps 0, k, 2k, ...). <see cref="Value"/> is the variable, or the expression of a let.
/// </summary>
public sealed record TraceRecording(PopulationRange Range, string Name, IrExpression Value, int IntervalSteps, SourceLocation? Location = null)
    : Recording(Location);

/// <summary>A model-level state (signal), sampled at the start of every <see cref="IntervalSteps"/>-th step.</summary>
public sealed record SignalRecording(int Signal, int IntervalSteps, SourceLocation? Location = null) : Recording(Location);

/// <summary>
/// A param or state (<see cref="Variable"/>) of the synapses of projection <see cref="Projection"/> with rank in
/// [<see cref="Start"/>, <see cref="Stop"/>) (to the last synapse when <see cref="Stop"/> is null), sampled at the
/// start of every <see cref="IntervalSteps"/>-th step. An event-driven state is sampled as advanced to that step.
/// </summary>
public sealed record SynapseTraceRecording(int Projection, int Start, int? Stop, string Name, VariableRef Variable, int IntervalSteps,
    SourceLocation? Location) : Recording(Location);
