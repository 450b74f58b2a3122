namespace NeuroCompiler.Fuzzing;

/// <summary>What happened to one input of a campaign.</summary>
public sealed record Finding(long Index, Outcome Outcome, string Origin, string Detail, bool Cpu);
