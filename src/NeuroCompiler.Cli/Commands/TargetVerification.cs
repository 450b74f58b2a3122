using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.Targets;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Cli.Commands;

/// <summary>
/// <c>neuroc verify FILE --target NAME</c>: the ideal model (reference interpreter) against its mapping
/// (the target's emulation), on the same stimulus: each population's rate in both, and the difference.
/// </summary>
internal static class TargetVerification
{
    public static int Run(Network network, TargetDescription target, bool clampDelays, TextWriter output, TextWriter error)
    {
        var recorded = network with
        {
            Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size))).ToImmutableArray(),
        };
        var ideal = ReferenceInterpreter.Run(recorded);
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var diagnostics = new DiagnosticBag();
        var mapping = DigitalMapper.Map(network, target, () => rates, new MappingOptions(clampDelays), diagnostics);
        DiagnosticPrinter.Print(error, diagnostics.ToSortedList());
        if (mapping is null)
        {
            return ExitCodes.ModelError;
        }
        var configuration = DigitalConfiguration.From(network, mapping, "", "");
        var fidelity = DigitalFidelity.Compare(network, mapping, configuration, ideal);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "{0}: ideal model vs its mapping onto {1} ({2} cores, device step {3:0.###} ms), {4:0.###} s, seed {5}",
            network.Settings.Name, target.Name, mapping.Partition.CoreCount, ((DigitalHardware)target.Hardware).Neuron.Timestep * 1e3,
            fidelity.Duration, network.Settings.Seed));
        output.WriteLine($"  {"population",-12}{"ideal rate",14}{"mapped rate",14}{"difference",12}");
        foreach (var p in fidelity.Populations)
        {
            output.WriteLine(string.Format(c, "  {0,-12}{1,11:0.000} Hz{2,11:0.000} Hz{3,11:+0.0;-0.0;0.0} %", p.Population, p.IdealRate, p.MappedRate, p.RelativeError * 100));
        }
        output.WriteLine(string.Format(c, "  spikes: ideal {0:N0}, mapped {1:N0}", fidelity.IdealSpikes, fidelity.MappedSpikes));
        return ExitCodes.Success;
    }
}
