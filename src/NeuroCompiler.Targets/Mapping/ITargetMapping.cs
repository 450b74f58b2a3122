using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Mapping;

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
