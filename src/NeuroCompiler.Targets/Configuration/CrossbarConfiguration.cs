using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>A population's neuron circuits: shift decays per state, and the integers of threshold, bias, rest and refractory steps.</summary>
public sealed record NeuronConfiguration(int Population, string Name, int Size, string Membrane, ImmutableArray<(string State, ImmutableArray<int> Shifts)> Decays,
    long Threshold, long Bias, long Rest, int RefractorySteps)
{
    /// <summary>Each neuron's membrane at the start, in the circuit's integers; empty before version 2.</summary>
    public ImmutableArray<long> Initial { get; init; } = ImmutableArray<long>.Empty;
}

/// <summary>
/// What <c>neuroc compile</c> writes for a memristor-crossbar target (format <see cref="Format"/>, version
/// <see cref="Version"/>): the manifest identifying model, target and seed, the neuron circuits and
/// column groups (encoding, scale, ADC range, gain), and every tile (rows and programmed cells).
/// The conductances are the levels to program; the device's noise and drift are the emulation's business. With
/// <see cref="DriftAware"/> the periphery recalibrates gains for the expected drift; with <see cref="FaultAware"/> programming
/// reads pairs back and sets the healthy cell of a pair with a stuck one.
/// Version 2 added what running it without the model needs and what checks it: the model's outline (<see cref="Outline"/>), each
/// population's initial membranes (<see cref="NeuronConfiguration.Initial"/>), and the hashes of its files (<see cref="ConfigurationFiles"/>).
/// </summary>
public sealed record CrossbarConfiguration(string Model, string ModelHash, string Target, string TargetHash, ulong Seed, double DeviceTimestep,
    bool DriftAware, bool FaultAware, ImmutableArray<NeuronConfiguration> Neurons, ImmutableArray<ColumnGroup> Groups, ImmutableArray<CrossbarTile> Tiles)
{
    public const string Format = "neuroc-crossbar-config";
    public const int Version = 2;

    /// <summary>The first version that <c>neuroc load</c> can run: it has hashes, the outline and the initial states.</summary>
    public const int LoadableSince = 2;

    /// <summary>The model's populations, time step and duration (version 2); null in older versions.</summary>
    public ModelOutline? Outline { get; init; }

    public static CrossbarConfiguration From(Network network, CrossbarMapping mapping, string modelHash, string targetHash) =>
        new(network.Settings.Name, modelHash, mapping.Target.Name, targetHash, network.Settings.Seed, ((CrossbarHardware)mapping.Target.Hardware).Neuron.Timestep,
            mapping.DriftAware, mapping.FaultAware,
            mapping.Populations.Select(p => new NeuronConfiguration(p.Population, p.Name, network.Populations[p.Population].Size, p.Neuron.Membrane,
                p.Neuron.Decays.Select(d => (d.State, d.Shifts)).ToImmutableArray(), p.Neuron.Threshold, p.Neuron.Bias, p.Neuron.Rest,
                p.Neuron.RefractorySteps)
            {
                Initial = Emulation.DigitalFidelity.InitialMembrane(network, p.Population, p.Neuron.Membrane,
                    p.Neuron.RealisedThreshold - p.Neuron.Threshold * p.Neuron.MembraneUnit, p.Neuron.MembraneUnit).ToImmutableArray(),
            }).ToImmutableArray(),
            mapping.Groups, mapping.Tiles)
        {
            Outline = ModelOutline.Of(network, mapping.Populations.Select(p => p.Population).ToHashSet()),
        };
}
