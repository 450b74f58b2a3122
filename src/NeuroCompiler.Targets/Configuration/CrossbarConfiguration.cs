using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>A population's neuron circuits: shift decays per state, and the integers of threshold, bias, rest and refractory steps.</summary>
public sealed record NeuronConfiguration(int Population, string Name, int Size, string Membrane, ImmutableArray<(string State, ImmutableArray<int> Shifts)> Decays,
    long Threshold, long Bias, long Rest, int RefractorySteps);

/// <summary>
/// What <c>neuroc compile</c> writes for a memristor-crossbar target (format <see cref="Format"/>, version
/// <see cref="Version"/>): the manifest identifying model, target and seed, the neuron circuits and
/// column groups (encoding, scale, ADC range, gain), and every tile (rows and programmed cells).
/// The conductances are the levels to program; the device's noise and drift are the emulation's business. With
/// <see cref="DriftAware"/> the periphery recalibrates gains for the expected drift; with <see cref="FaultAware"/> programming
/// reads pairs back and sets the healthy cell of a pair with a stuck one.
/// </summary>
public sealed record CrossbarConfiguration(string Model, string ModelHash, string Target, string TargetHash, ulong Seed, double DeviceTimestep,
    bool DriftAware, bool FaultAware, ImmutableArray<NeuronConfiguration> Neurons, ImmutableArray<ColumnGroup> Groups, ImmutableArray<CrossbarTile> Tiles)
{
    public const string Format = "neuroc-crossbar-config";
    public const int Version = 1;

    public static CrossbarConfiguration From(Network network, CrossbarMapping mapping, string modelHash, string targetHash) =>
        new(network.Settings.Name, modelHash, mapping.Target.Name, targetHash, network.Settings.Seed, ((CrossbarHardware)mapping.Target.Hardware).Neuron.Timestep,
            mapping.DriftAware, mapping.FaultAware,
            mapping.Populations.Select(p => new NeuronConfiguration(p.Population, p.Name, network.Populations[p.Population].Size, p.Neuron.Membrane,
                p.Neuron.Decays.Select(d => (d.State, d.Shifts)).ToImmutableArray(), p.Neuron.Threshold, p.Neuron.Bias, p.Neuron.Rest,
                p.Neuron.RefractorySteps)).ToImmutableArray(),
            mapping.Groups, mapping.Tiles);
}
