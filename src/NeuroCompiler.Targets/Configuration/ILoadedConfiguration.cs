using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// A configuration read back from its folder and checked (hashes, the target's limits, its parts together): what it says
/// it is, and its emulation from what it holds alone (<c>neuroc load</c>).
/// </summary>
public interface ILoadedConfiguration
{
    ManifestIdentity Identity { get; }

    ModelOutline Outline { get; }

    /// <summary>One line: its cores or tiles, and what else shapes its emulation.</summary>
    string Describe();

    /// <summary>
    /// Runs it for <paramref name="steps"/> device steps fed <paramref name="inputs"/>; a crossbar once for each of
    /// <paramref name="timesAfterProgramming"/> (seconds), digital cores once, whatever the times.
    /// </summary>
    IReadOnlyList<ConfigurationEmulation> Emulate(long steps, IReadOnlyList<DeviceSpike> inputs, IReadOnlyList<double> timesAfterProgramming);
}
