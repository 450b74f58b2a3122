using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// The neurons [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) of population <see cref="Population"/>
/// on core <see cref="Core"/>, with what they use of it: incoming synapses and their bits of synapse
/// memory, input axons (distinct presynaptic neurons), and output axons (distinct destination cores
/// of its neurons' spikes, counted after placement).
/// </summary>
public sealed record CoreSlice(int Core, int Population, int Start, int Count, long Synapses, long SynapseBits, int InputAxons)
{
    public int End => Start + Count;
}

/// <summary>
/// A network divided among a digital target's cores, every core within its limits. Cores are
/// numbered in the order populations and their neurons are; <see cref="Steps"/> says what the pass did.
/// </summary>
public sealed record DigitalPartition(ImmutableArray<CoreSlice> Cores, ImmutableArray<string> Steps)
{
    public int CoreCount => Cores.Length;
}
