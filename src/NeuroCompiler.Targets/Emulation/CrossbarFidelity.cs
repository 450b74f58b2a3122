using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// Compares a network with its crossbar mapping at several times after programming: for each, the
/// emulator runs the configuration (<see cref="CrossbarRun"/>: from what it holds) with the conductances drift has left
/// (the same seed, so the same cells, faults and noise at every time), fed the ideal run's inputs, and its spikes are compared with
/// the ideal run's. The recommended reprogramming interval is the longest time up to which every
/// population's rate stayed within the tolerance.
/// </summary>
public static class CrossbarFidelity
{
    public static TargetFidelity Compare(Network network, CrossbarMapping mapping, CrossbarConfiguration configuration, SimulationResult ideal,
        VerificationOptions options)
    {
        var hardware = (CrossbarHardware)mapping.Target.Hardware;
        double deviceDt = hardware.Neuron.Timestep;
        var onChip = mapping.Populations.Select(p => p.Population).ToList();
        var inputs = FidelityComparison.Inputs(network, onChip.ToHashSet(), ideal, deviceDt);
        long steps = FidelityComparison.DeviceSteps(network.Settings.Duration, deviceDt);
        var points = ImmutableArray.CreateBuilder<FidelityPoint>();
        double? within = null;
        bool failed = false;
        foreach (double time in options.TimesAfterProgramming.Order())
        {
            var run = CrossbarRun.Emulate(configuration, hardware, time, steps, inputs);
            var report = FidelityComparison.Compare(network, onChip, ideal, run.Spikes, deviceDt, run.Notes);
            points.Add(new FidelityPoint(run.Condition, time, report));
            if (!failed && report.WorstRateError <= options.RateTolerance)
            {
                within = time;
            }
            else
            {
                failed = true;
            }
        }
        string summary = $"{mapping.Tiles.Length} tiles, device step {deviceDt * 1e3:0.###} ms, seed {network.Settings.Seed}" +
            (mapping.DriftAware ? ", drift-aware: gains recalibrated for the expected drift" : "") +
            (mapping.FaultAware ? ", fault-aware: pairs with a stuck cell repaired when programmed" : "");
        return new TargetFidelity(summary, points.ToImmutable(), options.RateTolerance, within);
    }

    /// <summary>"1 s", "1 min", "1 h", "1 day", "1 week", "30 days", "1 year", ...</summary>
    public static string Duration(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        return seconds switch
        {
            >= 365 * 86400 => string.Format(c, "{0:0.#} year(s)", seconds / (365 * 86400)),
            >= 7 * 86400 when seconds % (7 * 86400) == 0 => string.Format(c, "{0:0} week(s)", seconds / (7 * 86400)),
            >= 86400 => string.Format(c, "{0:0.#} day(s)", seconds / 86400),
            >= 3600 => string.Format(c, "{0:0.#} h", seconds / 3600),
            >= 60 => string.Format(c, "{0:0.#} min", seconds / 60),
            _ => string.Format(c, "{0:0.###} s", seconds),
        };
    }
}
