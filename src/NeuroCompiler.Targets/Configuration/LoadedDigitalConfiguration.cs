using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>A digital configuration read back, run on its target's cores (<see cref="DigitalRun"/>).</summary>
public sealed class LoadedDigitalConfiguration(DigitalConfiguration configuration, DigitalHardware hardware) : ILoadedConfiguration
{
    public DigitalConfiguration Configuration { get; } = configuration;

    public ManifestIdentity Identity { get; } = new(configuration.Model, configuration.ModelHash, configuration.Target, configuration.TargetHash,
        configuration.Seed, configuration.DeviceTimestep) { Version = DigitalConfiguration.Version };

    public ModelOutline Outline => Configuration.Outline!;

    public string Describe()
    {
        int relayCores = Configuration.Relays is { } relays ? Configuration.Cores.Count(c => c.Population == relays.Population) : 0;
        string learning = Configuration.Learning.IsEmpty ? "" : $", {Configuration.Learning.Length} projection(s) learning on chip";
        return $"{Configuration.Cores.Length} cores{(relayCores > 0 ? $" ({relayCores} of relays)" : "")}{learning}, integer arithmetic bit-accurate";
    }

    public IReadOnlyList<ConfigurationEmulation> Emulate(long steps, IReadOnlyList<DeviceSpike> inputs, IReadOnlyList<double> timesAfterProgramming) =>
        new[] { DigitalRun.Emulate(Configuration, hardware, steps, inputs, out _) };
}
