using System.Collections.Immutable;

namespace NeuroCompiler.Targets;

public sealed record ChipLayout(int Chips, int CoresPerChip, int MeshX, int MeshY);

/// <summary>One core's limits; a synapse costs <see cref="SynapseOverheadBits"/> plus its weight's bits of synapse memory.</summary>
public sealed record CoreLimits(int Neurons, int InputAxons, int OutputAxons, long SynapseMemoryBits, int SynapseOverheadBits, int AxonTypes,
    bool BinaryCrossbar);

/// <summary>
/// Number formats: weights of <see cref="WeightBitsMin"/>–<see cref="WeightBitsMax"/> bits with a shared exponent
/// in [<see cref="ExponentMin"/>, <see cref="ExponentMax"/>] per projection; decays as integers with
/// <see cref="DecayUnity"/> meaning 1 (<see cref="DecayBits"/> bits); neuron state and threshold widths.
/// </summary>
public sealed record NumberFormats(int WeightBitsMin, int WeightBitsMax, int ExponentMin, int ExponentMax, int DecayBits, int DecayUnity,
    int StateBits, int ThresholdBits);

public sealed record DelayRange(int MinSteps, int MaxSteps);

public sealed record Routing(int KeyBits, int TableEntries, int MaxFanOut);

/// <summary>On-chip learning: which rules, and the bits of its traces; none when <see cref="Rules"/> is empty.</summary>
public sealed record LearningEngine(ImmutableArray<string> Rules, int TraceBits);

/// <summary>A digital synaptic-array target (family <c>digital_core</c>).</summary>
public sealed record DigitalHardware(ChipLayout Chip, CoreLimits Core, NumberFormats Formats, DelayRange Delays, Routing Routing,
    LearningEngine Learning, NeuronCircuit Neuron, OperationCosts Costs) : TargetHardware
{
    public override string Describe() =>
        $"digital cores, {Chip.Chips} chip(s) × {Chip.CoresPerChip} cores ({Chip.MeshX}×{Chip.MeshY} mesh), {Core.Neurons} neurons and " +
        $"{Core.SynapseMemoryBits / 1024} Kib of synapses per core, weights {Formats.WeightBitsMin}–{Formats.WeightBitsMax} bits, delays " +
        $"{Delays.MinSteps}–{Delays.MaxSteps} steps{(Learning.Rules.IsEmpty ? ", no learning" : $", learns: {string.Join(", ", Learning.Rules)}")}";
}
