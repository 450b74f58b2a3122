using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A network on a digital-core target, as <see cref="ITargetMapping"/>: cores' configuration and report, and the bit-accurate emulation.</summary>
public sealed class DigitalTargetMapping(Network network, DigitalMapping mapping) : ITargetMapping
{
    public DigitalMapping Mapping { get; } = mapping;

    public TargetDescription Target => Mapping.Target;

    public string Report() => MappingReport.Text(network, Mapping);

    public string Write(AtomicDirectory output, string modelHash, string targetHash)
    {
        var configuration = DigitalConfiguration.From(network, Mapping, modelHash, targetHash);
        ConfigurationWriter.Write(configuration, output);
        MappingReport.Write(network, Mapping, output);
        return $"manifest.json, {configuration.Cores.Length} core file(s), report.json, report.md";
    }

    /// <summary>Digital cores do not drift: one comparison, whatever the times after programming.</summary>
    public TargetFidelity Verify(SimulationResult ideal, VerificationOptions options)
    {
        var configuration = DigitalConfiguration.From(network, Mapping, "", "");
        var report = DigitalFidelity.Compare(network, Mapping, configuration, ideal);
        var hardware = (DigitalHardware)Target.Hardware;
        int relayCores = Mapping.Routing.Relays.Cores.Length;
        string cores = relayCores > 0 ? $"{Mapping.CoreCount} cores ({relayCores} of relays)" : $"{Mapping.CoreCount} cores";
        string summary = $"{cores}, device step {hardware.Neuron.Timestep * 1e3:0.###} ms, integer arithmetic bit-accurate";
        return new TargetFidelity(summary, ImmutableArray.Create(new FidelityPoint("emulated", null, report)), options.RateTolerance, null);
    }
}
