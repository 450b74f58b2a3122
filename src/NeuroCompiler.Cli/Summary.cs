using System.Globalization;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Cli;

/// <summary>What <c>neuroc run</c> prints when a run finishes.</summary>
internal static class Summary
{
    public static void Print(TextWriter w, Network network, SimulationResult result, TimeSpan build, string directory, IReadOnlyList<string> files, string? device = null)
    {
        var s = network.Settings;
        var c = CultureInfo.InvariantCulture;
        string storage = network.TotalSynapses > 0 ? string.Format(c, " ({0:0.#} bytes each)", network.SynapseBytes / (double)network.TotalSynapses) : "";
        w.WriteLine(string.Format(c, "{0}: {1:N0} neurons, {2:N0} synapses{9}, {3:N0} steps of {4:0.###} ms ({5:0.###} s), seed {6}, {7}, {8} backend",
            s.Name, network.TotalNeurons, network.TotalSynapses, s.Steps, s.Dt * 1e3, s.Duration, s.Seed, s.Precision.ToString().ToLowerInvariant(), device is null ? result.Backend : $"{result.Backend} ({device})", storage));
        int width = Math.Max(10, result.Populations.Select(p => p.Name.Length).DefaultIfEmpty(0).Max() + 2);
        w.WriteLine($"  {"population".PadRight(width)}{"size",8}{"spikes",10}{"rate (Hz)",11}{"CV ISI",8}");
        foreach (var p in result.Populations)
        {
            string cv = double.IsNaN(p.MeanCv) ? "-" : p.MeanCv.ToString("0.00", c);
            w.WriteLine(string.Format(c, "  {0}{1,8}{2,10}{3,11:0.00}{4,8}", p.Name.PadRight(width), p.Size, p.Spikes, p.MeanRate, cv));
        }
        double seconds = result.SimulationTime.TotalSeconds;
        w.WriteLine(string.Format(c, "  synaptic events: {0:N0} ({1:0.00e+0} per second of simulation wall time)", result.SynapticEvents,
            seconds > 0 ? result.SynapticEvents / seconds : 0));
        w.WriteLine(string.Format(c, "  wall time: build {0:0.00} s, simulation {1:0.00} s", build.TotalSeconds, seconds));
        w.WriteLine($"  wrote {directory}: {string.Join(", ", files)}");
    }
}
