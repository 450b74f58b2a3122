using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>A crossbar configuration read back, run on its target's arrays at each time after programming (<see cref="CrossbarRun"/>).</summary>
public sealed class LoadedCrossbarConfiguration(CrossbarConfiguration configuration, CrossbarHardware hardware) : ILoadedConfiguration
{
    public CrossbarConfiguration Configuration { get; } = configuration;

    public ManifestIdentity Identity { get; } = new(configuration.Model, configuration.ModelHash, configuration.Target, configuration.TargetHash,
        configuration.Seed, configuration.DeviceTimestep) { Version = CrossbarConfiguration.Version };

    public ModelOutline Outline => Configuration.Outline!;

    public string Describe() =>
        $"{Configuration.Tiles.Length} tiles{(Configuration.DriftAware ? ", drift-aware" : "")}{(Configuration.FaultAware ? ", fault-aware" : "")}, " +
        "with the device's faults, noise and drift from the seed";

    public IReadOnlyList<ConfigurationEmulation> Emulate(long steps, IReadOnlyList<DeviceSpike> inputs, IReadOnlyList<double> timesAfterProgramming) =>
        timesAfterProgramming.Order().Select(time => CrossbarRun.Emulate(Configuration, hardware, time, steps, inputs)).ToList();
}
