namespace NeuroCompiler.IR;

public abstract record ProtocolAction;

public sealed record SetGlobal(int Global, double Value) : ProtocolAction;

public sealed record SetParameter(PopulationRange Range, int Parameter, double Value) : ProtocolAction;

public sealed record SetRate(int Stimulus, double Rate) : ProtocolAction;

/// <summary>The neurons emit no spikes while silenced.</summary>
public sealed record Silence(PopulationRange Range) : ProtocolAction;

public sealed record Kick(PopulationRange Range, int State, AssignOperator Operator, double Value) : ProtocolAction;

/// <summary>A one-off change of a model-level state (signal).</summary>
public sealed record KickSignal(int Signal, AssignOperator Operator, double Value) : ProtocolAction;

/// <summary>
/// An action at the start of step <see cref="Step"/>; with <see cref="UntilStep"/>, set values come
/// back to what they were and silencing ends at the start of that step.
/// </summary>
public sealed record ProtocolEvent(long Step, long? UntilStep, ProtocolAction Action);
