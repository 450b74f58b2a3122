using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>Neuron positions in metres, one entry per neuron.</summary>
public sealed record Positions(ImmutableArray<double> X, ImmutableArray<double> Y, ImmutableArray<double> Z);

/// <summary>A spike generator's spikes: neuron <see cref="Indices"/>[k] fires at step <see cref="Steps"/>[k] (sorted by step, then index), repeating every <see cref="PeriodSteps"/> if set.</summary>
public sealed record SpikeSource(ImmutableArray<long> Steps, ImmutableArray<int> Indices, long? PeriodSteps);

/// <summary>A group of neurons of one model, or a spike generator (<see cref="Model"/> null, <see cref="Spikes"/> set).</summary>
public sealed record Population(string Name, int Index, int Size, NeuronModel? Model, SpikeSource? Spikes, Positions? Positions, SourceLocation? Location);

/// <summary>A contiguous range of one population's neurons.</summary>
public readonly record struct PopulationRange(int Population, int Start, int Count)
{
    public int End => Start + Count;

    public bool Contains(int index) => index >= Start && index < End;
}
