using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>One synapse as a core stores it: from which projection and presynaptic neuron, onto which of the core's neurons, with what mantissa and delay.</summary>
public readonly record struct ConfiguredSynapse(int Projection, int SourcePopulation, int SourceNeuron, int Target, int Mantissa, int Delay);

/// <summary>A core's configuration: its place, its neurons' integer parameters, its synapses and its routes.</summary>
public sealed record CoreConfiguration(int Core, int Chip, int X, int Y, int Population, int Start, int Count, string Membrane,
    ImmutableArray<(string State, int Decay)> Decays, long Threshold, long Bias, long Rest, int RefractorySteps,
    ImmutableArray<ConfiguredSynapse> Synapses, ImmutableArray<int> Routes);

/// <summary>A projection's shared settings: the exponent of its mantissas and the state they feed.</summary>
public sealed record ProjectionConfiguration(int Projection, string Name, string TargetState, int Exponent);

/// <summary>
/// What <c>neuroc compile</c> writes for a digital target (format <see cref="Format"/>, version
/// <see cref="Version"/>): the manifest identifying model, target and seed, and every core. It is
/// written whole or not at all, and <see cref="ConfigurationReader"/> reads it back and checks it.
/// </summary>
public sealed record DigitalConfiguration(string Model, string ModelHash, string Target, string TargetHash, ulong Seed, double DeviceTimestep,
    ImmutableArray<ProjectionConfiguration> Projections, ImmutableArray<CoreConfiguration> Cores)
{
    public const string Format = "neuroc-digital-config";
    public const int Version = 1;

    public static DigitalConfiguration From(Network network, DigitalMapping mapping, string modelHash, string targetHash)
    {
        var projections = mapping.Projections.Select(p => new ProjectionConfiguration(p.Projection, p.Name, p.TargetState, p.Exponent)).ToImmutableArray();
        // Each core's synapses: those onto its neurons, by projection, then by synapse rank.
        var perCore = mapping.Partition.Cores.Select(_ => ImmutableArray.CreateBuilder<ConfiguredSynapse>()).ToArray();
        var coreOf = network.Populations.Select(p => new int[p.Size]).ToArray();
        foreach (var slice in mapping.Partition.Cores)
        {
            Array.Fill(coreOf[slice.Population], slice.Core, slice.Start, slice.Count);
        }
        foreach (var mapped in mapping.Projections)
        {
            var projection = network.Projections[mapped.Projection];
            var synapses = projection.Synapses!;
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    int target = synapses.Targets[k];
                    int core = coreOf[projection.Target.Population][target];
                    perCore[core].Add(new ConfiguredSynapse(mapped.Projection, projection.Source.Population, projection.Source.Start + s,
                        target - mapping.Partition.Cores[core].Start, mapped.Mantissas[k], mapped.DelaySteps[k]));
                }
            }
        }
        var cores = mapping.Partition.Cores.Select(slice =>
        {
            var place = mapping.Routing.Places[slice.Core];
            var neuron = mapping.Populations.Single(p => p.Population == slice.Population).Neuron;
            return new CoreConfiguration(slice.Core, place.Chip, place.X, place.Y, slice.Population, slice.Start, slice.Count, neuron.Membrane,
                neuron.Decays.Select(d => (d.State, d.Decay)).ToImmutableArray(), neuron.Threshold, neuron.Bias, neuron.Rest, neuron.RefractorySteps,
                perCore[slice.Core].ToImmutable(), mapping.Routing.Routes[slice.Core].Destinations);
        }).ToImmutableArray();
        return new DigitalConfiguration(network.Settings.Name, modelHash, mapping.Target.Name, targetHash, network.Settings.Seed,
            ((DigitalHardware)mapping.Target.Hardware).Neuron.Timestep, projections, cores);
    }
}
