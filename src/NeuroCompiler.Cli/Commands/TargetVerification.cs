using NeuroCompiler.Cli.Validation;
using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Targets;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc verify FILE --target NAME</c>: the ideal model (reference interpreter) against its mapping
/// (the target's emulation), on the same stimulus: each population's rate in both and their difference,
/// and the spike-train distance; on a memristor target, at each time after programming, and the
/// longest of those times the mapping stays within the rate tolerance.
/// </summary>
internal static class TargetVerification
{
    public static int Run(Network network, TargetDescription target, MappingOptions mappingOptions, VerificationOptions options, TextWriter output, TextWriter error)
    {
        var recorded = network with
        {
            Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size)))
                .Concat(LearnedParameters(network)).ToImmutableArray(),
        };
        var ideal = ReferenceInterpreter.Run(recorded);
        if (ideal.Failure is { } failure)
        {
            // The ideal run stopped early: there is nothing sound to compare the mapping with.
            error.WriteLine(DiagnosticCatalogue.CommandLine(ErrorCode.NumericalDivergence, $"the model's reference run stopped: {failure.Message}"));
            return ExitCodes.RuntimeFailure;
        }
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        if (TargetChoice.Map(network, target, () => rates, mappingOptions, error) is not { } mapping)
        {
            return ExitCodes.ModelError;
        }
        var fidelity = mapping.Verify(ideal, options);
        Print(output, network, target, fidelity);
        return ExitCodes.Success;
    }

    /// <summary>The synapse parameters learning changes, sampled at the first and the last step, for comparing what was learned.</summary>
    private static IEnumerable<Recording> LearnedParameters(Network network)
    {
        int interval = (int)Math.Max(1, network.Settings.Steps - 1);
        foreach (var projection in network.Projections.Where(p => LearningRequirements.Of(network, p) is not null))
        {
            var written = projection.Synapse.Statements.Select(a => a.Target).Where(t => t.Space == VariableSpace.SynapseParameter).Distinct();
            foreach (var target in written)
            {
                yield return new SynapseTraceRecording(projection.Index, 0, null, projection.Synapse.Parameters[target.Slot].Name, target, interval, null);
            }
        }
    }

    public static void Print(TextWriter output, Network network, TargetDescription target, TargetFidelity fidelity)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "{0}: ideal model vs its mapping onto {1} ({2}), {3:0.###} s", network.Settings.Name, target.Name, fidelity.Summary,
            network.Settings.Duration));
        output.WriteLine($"  {"condition",-14}{"population",-12}{"ideal rate",14}{"mapped rate",14}{"difference",12}{"spike distance",16}");
        foreach (var point in fidelity.Points)
        {
            foreach (var p in point.Report.Populations)
            {
                output.WriteLine(string.Format(c, "  {0,-14}{1,-12}{2,11:0.000} Hz{3,11:0.000} Hz{4,11:+0.0;-0.0;0.0} %{5,16:0.000}", point.Condition, p.Population,
                    p.IdealRate, p.MappedRate, p.RelativeError * 100, p.SpikeDistance));
            }
            foreach (var note in point.Report.Notes)
            {
                output.WriteLine($"  {point.Condition,-14}{note}");
            }
        }
        var first = fidelity.Points[0].Report;
        output.WriteLine(string.Format(c, "  spikes: ideal {0:N0}, mapped {1:N0}{2}", first.IdealSpikes, first.MappedSpikes,
            fidelity.Points.Length > 1 ? $" ({fidelity.Points[0].Condition} after programming)" : ""));
        if (fidelity.Points.Any(p => p.TimeAfterProgramming is not null))
        {
            output.WriteLine(fidelity.ReprogramWithin is { } within
                ? string.Format(c, "  every rate within {0:P0} up to {1} after programming: reprogram within {1}", fidelity.RateTolerance, CrossbarFidelity.Duration(within))
                : string.Format(c, "  a rate is off by more than {0:P0} already at {1} after programming", fidelity.RateTolerance, fidelity.Points[0].Condition));
        }
        output.WriteLine("  (spike distance: van Rossum, τ = 10 ms, normalised: 0 the same spikes, about 1 none in common)");
    }

    /// <summary>The --after option of verify and load: times after programming a crossbar.</summary>
    public static System.CommandLine.Option<string[]> AfterOption(string description) => new System.CommandLine.Option<string[]>("--after")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
    }.Times(ParseTime, "e.g. 1s, 30min, 1h, 1day, 1week, 1month, 1year");

    /// <summary>The --after times in seconds (checked as the command line was parsed); the defaults when none are given.</summary>
    public static ImmutableArray<double> Times(string[]? given) =>
        given is { Length: > 0 }
            ? given.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(g => ParseTime(g)!.Value).ToImmutableArray()
            : VerificationOptions.DefaultTimes;

    /// <summary>"1s", "30 min", "1h", "1 day", "2 weeks", "1 month", "1 year" in seconds; null if it is none of these.</summary>
    public static double? ParseTime(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        int i = 0;
        while (i < t.Length && (char.IsDigit(t[i]) || t[i] == '.'))
        {
            i++;
        }
        if (i == 0 || !double.TryParse(t[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }
        double? unit = t[i..].Trim().TrimEnd('s') switch
        {
            "" => 1,
            "min" => 60,
            "h" or "hour" => 3600,
            "day" or "d" => 86400,
            "week" => 7 * 86400,
            "month" => 30 * 86400,
            "year" or "y" => 365 * 86400,
            _ => null,
        };
        return unit * value;
    }
}
