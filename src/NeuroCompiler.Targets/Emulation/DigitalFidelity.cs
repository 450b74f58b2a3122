using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>A population's rate in the ideal model and in the mapped one, and how far apart.</summary>
public sealed record PopulationFidelity(string Population, double IdealRate, double MappedRate)
{
    public double RelativeError => IdealRate > 0 ? (MappedRate - IdealRate) / IdealRate : MappedRate > 0 ? double.PositiveInfinity : 0;
}

/// <summary>The ideal model and its mapping, run on the same stimulus and compared.</summary>
public sealed record FidelityReport(ImmutableArray<PopulationFidelity> Populations, long IdealSpikes, long MappedSpikes, double Duration);

/// <summary>
/// Compares a network with its digital mapping: the reference interpreter runs the ideal model
/// (<paramref name="ideal"/>: a run recording every population's spikes); the emulator runs the
/// configuration for the same duration, fed the ideal run's input spikes (populations that are not on
/// the cores) at the nearest device step, from each neuron's initial membrane potential.
/// </summary>
public static class DigitalFidelity
{
    public static FidelityReport Compare(Network network, DigitalMapping mapping, DigitalConfiguration configuration, SimulationResult ideal)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        double deviceDt = hardware.Neuron.Timestep;
        double ratio = network.Settings.Dt / deviceDt;
        var onChip = mapping.Populations.Select(p => p.Population).ToHashSet();
        var inputs = ideal.Spikes
            .Where(t => network.Populations.First(p => p.Name == t.Population) is var population && !onChip.Contains(population.Index))
            .SelectMany(t =>
            {
                int index = network.Populations.First(p => p.Name == t.Population).Index;
                return t.Steps.Select((step, k) => new DeviceSpike((long)Math.Round(step * ratio, MidpointRounding.AwayFromZero), index, t.Indices[k]));
            })
            .ToList();
        var initial = mapping.Populations.ToDictionary(p => p.Population, p =>
        {
            var population = network.Populations[p.Population];
            int membrane = population.Model!.StateIndex(p.Neuron.Membrane);
            double reset = p.Neuron.RealisedThreshold - p.Neuron.Threshold * p.Neuron.MembraneUnit;
            return InitialValues.Compute(network, population).State(membrane).Select(v => (long)Math.Round((v - reset) / p.Neuron.MembraneUnit)).ToArray();
        });
        var emulator = new DigitalEmulator(configuration, hardware.Formats.StateBits, hardware.Formats.DecayUnity,
            (core, i) => initial[core.Population][core.Start + i]);
        long steps = (long)Math.Round(network.Settings.Duration / deviceDt);
        var mapped = emulator.Run(steps, inputs);
        double duration = network.Settings.Duration;
        var populations = mapping.Populations.Select(p =>
        {
            var size = network.Populations[p.Population].Size;
            var idealSummary = ideal.Populations.Single(s => s.Name == p.Name);
            long count = mapped.Count(s => s.Population == p.Population);
            return new PopulationFidelity(p.Name, idealSummary.MeanRate, count / (size * duration));
        }).ToImmutableArray();
        return new FidelityReport(populations, ideal.Populations.Where(s => onChip.Contains(network.Populations.First(p => p.Name == s.Name).Index)).Sum(s => s.Spikes),
            mapped.Length, duration);
    }
}
