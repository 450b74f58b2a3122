using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// One synapse as a core stores it: from which projection and presynaptic neuron (the neuron whose spikes arrive on
/// its axon: a model neuron, or for a relayed neuron the relay that delivers them), onto which of the core's neurons,
/// with what mantissa and delay (device steps).
/// </summary>
public readonly record struct ConfiguredSynapse(int Projection, int SourcePopulation, int SourceNeuron, int Target, int Mantissa, int Delay);

/// <summary>
/// A core's configuration: its place, its neurons (<see cref="Population"/>[<see cref="Start"/>, <see cref="Start"/> +
/// <see cref="Count"/>); on a relay core, relay neurons of the relay population) and their integer parameters, its
/// synapses and its routes. On a binary-crossbar target, <see cref="Axons"/> are its input axons with their types and
/// <see cref="AxonTypes"/> each type's projection and weight per neuron (every synapse's mantissa is its axon's type's
/// weight for its neuron); both are empty on other targets. Each state's decay (<see cref="Decays"/>) is the target
/// circuit's kind: an integer of the decay unity, or shifts (<see cref="CoreDecay"/>).
/// </summary>
public sealed record CoreConfiguration(int Core, int Chip, int X, int Y, int Population, int Start, int Count, string Membrane,
    ImmutableArray<CoreDecay> Decays, long Threshold, long Bias, long Rest, int RefractorySteps,
    ImmutableArray<ConfiguredSynapse> Synapses, ImmutableArray<int> Routes)
{
    public ImmutableArray<InputAxon> Axons { get; init; } = ImmutableArray<InputAxon>.Empty;

    public ImmutableArray<AxonType> AxonTypes { get; init; } = ImmutableArray<AxonType>.Empty;

    /// <summary>Each neuron's membrane at the start, in the core's integers (relays: 0); empty before version 4.</summary>
    public ImmutableArray<long> Initial { get; init; } = ImmutableArray<long>.Empty;
}

/// <summary>A projection's shared settings: the exponent of its mantissas and the state they feed.</summary>
public sealed record ProjectionConfiguration(int Projection, string Name, string TargetState, int Exponent);

/// <summary>
/// Relay neurons, when the mapping inserted them: they are population <see cref="Population"/>, numbered 0 to
/// <see cref="Neurons"/> − 1 across the relay cores, and the synapses feeding them are projection <see cref="Projection"/>
/// (weight 1 onto their membrane). A relay neuron has no leak, threshold 0 and no refractory period: it fires in the
/// step a spike reaches it.
/// </summary>
public sealed record RelayConfiguration(int Population, int Projection, int Neurons);

/// <summary>
/// What <c>neuroc compile</c> writes for a digital target (format <see cref="Format"/>, version
/// <see cref="Version"/>): the manifest identifying model, target and seed, and every core. It is
/// written whole or not at all, and <see cref="ConfigurationReader"/> reads it back and checks it.
/// Version 2 added relay cores (<see cref="Relays"/>) and binary-crossbar axon types; a version-1 reader rejects both.
/// Version 3 added shift decays (a state's decay a list of shifts, <see cref="CoreDecay"/>); a version-2 reader rejects them.
/// Version 4 added what running it without the model needs and what checks it: the model's outline (<see cref="Outline"/>), each
/// core's initial membranes (<see cref="CoreConfiguration.Initial"/>), and the hashes of its files (<see cref="ConfigurationFiles"/>).
/// </summary>
public sealed record DigitalConfiguration(string Model, string ModelHash, string Target, string TargetHash, ulong Seed, double DeviceTimestep,
    ImmutableArray<ProjectionConfiguration> Projections, ImmutableArray<CoreConfiguration> Cores)
{
    public const string Format = "neuroc-digital-config";
    public const int Version = 4;

    /// <summary>The first version that <c>neuroc load</c> can run: it has hashes, the outline and the initial states.</summary>
    public const int LoadableSince = 4;

    /// <summary>The relay neurons, or null when there are none.</summary>
    public RelayConfiguration? Relays { get; init; }

    /// <summary>The projections that learn on chip, and their learning engine's integers.</summary>
    public ImmutableArray<LearningConfiguration> Learning { get; init; } = ImmutableArray<LearningConfiguration>.Empty;

    /// <summary>The model's populations, time step and duration (version 4); null in older versions.</summary>
    public ModelOutline? Outline { get; init; }

    public static DigitalConfiguration From(Network network, DigitalMapping mapping, string modelHash, string targetHash)
    {
        var relays = mapping.Routing.Relays;
        var projections = mapping.Projections.Select(p => new ProjectionConfiguration(p.Projection, p.Name, p.TargetState, p.Exponent)).ToList();
        if (!relays.Neurons.IsEmpty)
        {
            projections.Add(new ProjectionConfiguration(relays.Projection, RelayPlan.ProjectionName, RelayPlan.Membrane, 0));
        }
        var perCore = CoreSynapses.Of(network, mapping.Partition, mapping.Routing, mapping.Projections);
        var initial = mapping.Populations.ToDictionary(p => p.Population, p => Emulation.DigitalFidelity.InitialMembrane(network, p.Population, p.Neuron));
        var axons = mapping.Axons.ToDictionary(a => a.Core);
        CoreConfiguration Typed(CoreConfiguration core) => axons.TryGetValue(core.Core, out var a) ? core with { Axons = a.Axons, AxonTypes = a.Types } : core;
        var cores = mapping.Partition.Cores.Select(slice =>
        {
            var place = mapping.Routing.Places[slice.Core];
            var neuron = mapping.Populations.Single(p => p.Population == slice.Population).Neuron;
            return Typed(new CoreConfiguration(slice.Core, place.Chip, place.X, place.Y, slice.Population, slice.Start, slice.Count, neuron.Membrane,
                neuron.Decays.Select(d => d.IsShift ? CoreDecay.Shift(d.State, d.Shifts) : CoreDecay.Multiplier(d.State, d.Decay)).ToImmutableArray(), neuron.Threshold, neuron.Bias, neuron.Rest, neuron.RefractorySteps,
                perCore[slice.Core].ToImmutableArray(), mapping.Routing.Routes[slice.Core].Destinations)
            {
                Initial = initial[slice.Population].AsSpan(slice.Start, slice.Count).ToImmutableArray(),
            });
        }).Concat(relays.Cores.Select(relay =>
        {
            var place = mapping.Routing.Places[relay.Core];
            return Typed(new CoreConfiguration(relay.Core, place.Chip, place.X, place.Y, relays.Population, relay.First, relay.Count, RelayPlan.Membrane,
                ImmutableArray.Create(((DigitalHardware)mapping.Target.Hardware).Neuron.Decay == "shift" ? CoreDecay.Shift(RelayPlan.Membrane, ImmutableArray<int>.Empty)
                    : CoreDecay.Multiplier(RelayPlan.Membrane, 0)), Threshold: 0, Bias: 0, Rest: 0, RefractorySteps: 0,
                perCore[relay.Core].ToImmutableArray(), mapping.Routing.Routes[relay.Core].Destinations)
            {
                Initial = ImmutableArray.Create(new long[relay.Count]),
            });
        })).ToImmutableArray();
        return new DigitalConfiguration(network.Settings.Name, modelHash, mapping.Target.Name, targetHash, network.Settings.Seed,
            ((DigitalHardware)mapping.Target.Hardware).Neuron.Timestep, projections.ToImmutableArray(), cores)
        {
            Relays = relays.Neurons.IsEmpty ? null : new RelayConfiguration(relays.Population, relays.Projection, relays.Neurons.Length),
            Learning = mapping.Learning.Select(l => l.Configuration).ToImmutableArray(),
            Outline = ModelOutline.Of(network, mapping.Populations.Select(p => p.Population).ToHashSet()),
        };
    }
}
