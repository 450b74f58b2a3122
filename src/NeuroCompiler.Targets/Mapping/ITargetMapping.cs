using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>What a mapping may change in the network when the target cannot do what the model asks, each change counted in the report.</summary>
/// <param name="ClampDelays">Clamp delays outside the target's range to it.</param>
/// <param name="InsertRelays">Insert relay neurons where a neuron's spikes must reach more cores than the target's fan-out allows.</param>
/// <param name="FreezeLearning">Map projections whose learning the target cannot run with their initial weights, fixed.</param>
/// <param name="DriftAware">On memristor targets: recalibrate each column group's gain for the drift its cells are expected to have had since programming.</param>
/// <param name="FaultAware">On memristor targets: program and verify, so that a pair with a stuck cell has its partner set to give the pair's weight.</param>
/// <param name="Objective">On digital targets: what the placement of cores minimises.</param>
public sealed record MappingOptions(bool ClampDelays = false, bool InsertRelays = false, bool FreezeLearning = false, bool DriftAware = false,
    bool FaultAware = false, PlacementObjective Objective = PlacementObjective.Cores);

/// <summary>A network to map onto a target: its populations' firing rates are asked for only once everything fits (it may take a simulation).</summary>
public sealed record MappingRequest(Network Network, TargetDescription Target, Func<IReadOnlyDictionary<int, double>> Rates, MappingOptions Options);

/// <summary>How to compare a mapping with its model: at which times after programming (memristor drift), and the largest rate error still called faithful.</summary>
public sealed record VerificationOptions(ImmutableArray<double> TimesAfterProgramming, double RateTolerance = 0.1)
{
    /// <summary>One second, one minute, one hour, one day, one week, one month, one year.</summary>
    public static readonly ImmutableArray<double> DefaultTimes = ImmutableArray.Create(1.0, 60, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400);

    public static VerificationOptions Default { get; } = new(DefaultTimes);
}

/// <summary>
/// A network compiled for a target: it writes its configuration and report, describes itself, and
/// runs on the target's emulation to be compared with the ideal model.
/// </summary>
public interface ITargetMapping
{
    TargetDescription Target { get; }

    /// <summary>The readable report (also written as <c>report.md</c>).</summary>
    string Report();

    /// <summary>Writes the configuration files, <c>report.json</c> and <c>report.md</c>; returns a line that says what was written.</summary>
    string Write(AtomicDirectory output, string modelHash, string targetHash);

    /// <summary>
    /// Runs the mapped network on the target's emulation with the ideal run's input spikes and compares it with
    /// <paramref name="ideal"/> (a reference run recording every population's spikes).
    /// </summary>
    TargetFidelity Verify(SimulationResult ideal, VerificationOptions options);
}
