using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A network on a memristor-crossbar target, as <see cref="ITargetMapping"/>: tiles' configuration and report, and the noisy, drifting emulation.</summary>
public sealed class CrossbarTargetMapping(Network network, CrossbarMapping mapping) : ITargetMapping
{
    public CrossbarMapping Mapping { get; } = mapping;

    public TargetDescription Target => Mapping.Target;

    public string Report() => CrossbarReport.Text(network, Mapping);

    public string Write(AtomicDirectory output, string modelHash, string targetHash)
    {
        var configuration = CrossbarConfiguration.From(network, Mapping, modelHash, targetHash);
        CrossbarConfigurationWriter.Write(configuration, output);
        CrossbarReport.Write(network, Mapping, output);
        return $"manifest.json, {configuration.Tiles.Length} tile file(s), report.json, report.md";
    }

    public TargetFidelity Verify(SimulationResult ideal, VerificationOptions options) =>
        CrossbarFidelity.Compare(network, Mapping, CrossbarConfiguration.From(network, Mapping, "", ""), ideal, options);
}
