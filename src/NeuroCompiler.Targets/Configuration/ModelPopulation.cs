namespace NeuroCompiler.Targets.Configuration;

/// <summary>A population of the model as a configuration names it: its number (synapses and spikes use it), name and size, and whether it runs on the device or is an input whose spikes are given.</summary>
public sealed record ModelPopulation(int Index, string Name, int Size, bool OnChip);
