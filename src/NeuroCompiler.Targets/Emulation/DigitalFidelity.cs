using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// Compares a network with its digital mapping: the reference interpreter runs the ideal model
/// (<paramref name="ideal"/>: a run recording every population's spikes); the emulator runs the
/// configuration for the same duration, fed the ideal run's input spikes (populations that are not on
/// the cores) at the nearest device step, from each neuron's initial membrane potential (relays from 0).
/// Relay neurons' spikes are counted in a note, not in the populations' rates.
/// </summary>
public static class DigitalFidelity
{
    public static FidelityReport Compare(Network network, DigitalMapping mapping, DigitalConfiguration configuration, SimulationResult ideal)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        double deviceDt = hardware.Neuron.Timestep;
        var onChip = mapping.Populations.Select(p => p.Population).ToList();
        var inputs = FidelityComparison.Inputs(network, onChip.ToHashSet(), ideal, deviceDt);
        var run = DigitalRun.Emulate(configuration, hardware, FidelityComparison.DeviceSteps(network.Settings.Duration, deviceDt), inputs, out var emulator);
        var spikes = run.Spikes;
        var notes = run.Notes;
        foreach (var learned in mapping.Learning)
        {
            notes = notes.Add(LearnedWeights(network, mapping, learned, emulator, ideal));
        }
        return FidelityComparison.Compare(network, onChip, ideal, spikes, deviceDt, notes);
    }

    /// <summary>
    /// What a projection learned on chip against what it learned in the ideal model: the weights' mean and spread at the
    /// start and at the end (the ideal end from a recording of the weight, when the ideal run has one).
    /// </summary>
    private static string LearnedWeights(Network network, DigitalMapping mapping, OnChipLearning learned, DigitalEmulator emulator, SimulationResult ideal)
    {
        var projection = network.Projections[learned.Configuration.Projection];
        var mapped = mapping.Projections.Single(p => p.Projection == projection.Index);
        string weight = projection.Synapse.Parameters[learned.Rule.Weight].Name;
        var final = emulator.Mantissas().Where(m => m.Projection == projection.Index).Select(m => m.Mantissa * mapped.WeightStep).ToList();
        var start = mapped.Mantissas.Select(m => m * mapped.WeightStep).ToList();
        string text = $"{projection.Name}.{weight} learned on chip: mean {Describe(start)} at the start, {Describe(final)} at the end";
        var trace = ideal.Traces.FirstOrDefault(t => t.OfSynapses && t.Population == projection.Name && t.Variable == weight);
        return trace is { Values.Length: > 1 } ? text + $"; the ideal model: {Describe(trace.Values[^1])}" : text;
    }

    private static string Describe(IReadOnlyCollection<double> values)
    {
        double mean = values.Count == 0 ? 0 : values.Average();
        double sd = values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{mean:G4} (sd {sd:G3})");
    }

    /// <summary>Each neuron's initial membrane potential in the device's integers (measured from the reset, in the membrane unit).</summary>
    public static long[] InitialMembrane(Network network, int population, DigitalNeuron neuron) =>
        InitialMembrane(network, population, neuron.Membrane, neuron.RealisedThreshold - neuron.Threshold * neuron.MembraneUnit, neuron.MembraneUnit);

    /// <summary>The membrane <paramref name="membrane"/>'s initial values as integers of <paramref name="unit"/> above <paramref name="reset"/>.</summary>
    public static long[] InitialMembrane(Network network, int population, string membrane, double reset, double unit)
    {
        var model = network.Populations[population];
        int slot = model.Model!.StateIndex(membrane);
        return InitialValues.Compute(network, model).State(slot).Select(v => (long)Math.Round((v - reset) / unit)).ToArray();
    }
}
