namespace NeuroCompiler.IR;

public abstract record Recording;

public sealed record SpikeRecording(PopulationRange Range) : Recording;

/// <summary>Spikes per neuron per second of the range, in bins of <see cref="BinSteps"/> steps.</summary>
public sealed record RateRecording(PopulationRange Range, int BinSteps) : Recording;

/// <summary>
/// A variable of each neuron in the range, sampled at the end of every <see cref="IntervalSteps"/>-th
/// step (steps 0, k, 2k, ...). <see cref="Value"/> is the variable, or the expression of a let.
/// </summary>
public sealed record TraceRecording(PopulationRange Range, string Name, IrExpression Value, int IntervalSteps) : Recording;

/// <summary>A model-level state (signal), sampled at the start of every <see cref="IntervalSteps"/>-th step.</summary>
public sealed record SignalRecording(int Signal, int IntervalSteps) : Recording;
