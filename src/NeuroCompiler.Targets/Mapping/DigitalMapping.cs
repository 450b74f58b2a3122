using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A population on digital cores: its neurons' integer parameters and what they realise.</summary>
public sealed record MappedPopulation(int Population, string Name, DigitalNeuron Neuron);

/// <summary>
/// A projection on digital cores: each synapse's mantissa (in its projection's exponent, in the unit of
/// the target state it feeds) and delay in device steps (for a synapse reached through relays, the last hop's, from
/// the relay that delivers it); what quantising cost; delays clamped to the target's range, and delays the relay
/// hops made longer than the model's (<see cref="DelaysLengthened"/>).
/// </summary>
public sealed record MappedProjection(int Projection, string Name, string TargetState, int Exponent, double WeightStep,
    ImmutableArray<int> Mantissas, ImmutableArray<int> DelaySteps, QuantisationStats Weights, int DelaysClamped, int DelaysLengthened);

/// <summary>Spikes per simulated second between cores, and the energy and latency they and the cores' work cost.</summary>
public sealed record MappingCosts(double SpikesPerSecond, double HopsPerSecond, double SynapticEventsPerSecond, double EnergyPerSecond,
    double StepLatency, int MaxHops);

/// <summary>
/// A network compiled for a digital target: where everything is, in the device's numbers, and at what cost.
/// <see cref="Axons"/> holds every core's input axons and axon types on a binary-crossbar target (empty elsewhere);
/// <see cref="Warnings"/> says what the target represents only far from the model (time constants, weights).
/// </summary>
public sealed record DigitalMapping(TargetDescription Target, DigitalPartition Partition, DigitalRouting Routing,
    ImmutableArray<MappedPopulation> Populations, ImmutableArray<MappedProjection> Projections, ImmutableArray<string> Changes, MappingCosts Costs,
    ImmutableArray<CoreAxons> Axons, ImmutableArray<string> Warnings)
{
    /// <summary>Cores used: the model's and the relay cores.</summary>
    public int CoreCount => Partition.CoreCount + Routing.Relays.Cores.Length;

    /// <summary>The projections that learn on chip, with their learning engine's integers.</summary>
    public ImmutableArray<OnChipLearning> Learning { get; init; } = ImmutableArray<OnChipLearning>.Empty;
}
