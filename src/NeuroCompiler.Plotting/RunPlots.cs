using NeuroCompiler.Core.Files;
using NeuroCompiler.Output;
using ScottPlot;

namespace NeuroCompiler.Plotting;

/// <summary>
/// Pictures of a run for a first look: a spike raster with the population rates under it, and the
/// recorded traces. Each is written as a PNG.
/// </summary>
public static class RunPlots
{
    private static readonly Color[] Palette =
    {
        Colors.Navy, Colors.Crimson, Colors.DarkGreen, Colors.DarkOrange, Colors.Purple, Colors.Teal, Colors.SaddleBrown, Colors.Gray,
    };

    /// <summary>Writes raster.png and rates.png (with spikes recorded) and traces.png (with traces) into the staging folder; returns their names.</summary>
    public static IReadOnlyList<string> Write(SimulationResult result, AtomicDirectory output)
    {
        var files = new List<string>();
        if (result.Spikes.Length > 0)
        {
            var (raster, rates) = RasterAndRates(result);
            using (var stream = output.Create("raster.png"))
            {
                stream.Write(raster);
            }
            using (var stream = output.Create("rates.png"))
            {
                stream.Write(rates);
            }
            files.Add("raster.png");
            files.Add("rates.png");
        }
        if (result.Traces.Any(t => !t.OfSynapses))
        {
            using var stream = output.Create("traces.png");
            stream.Write(Traces(result));
            files.Add("traces.png");
        }
        foreach (var synapses in result.Traces.Where(t => t.OfSynapses && t.Steps.Length > 0))
        {
            string name = ResultFileNames.SynapsePlot(synapses.Population, synapses.Variable);
            using var stream = output.Create(name);
            stream.Write(Synapses(result, synapses));
            files.Add(name);
        }
        return files;
    }

    /// <summary>The spike raster (recordings stacked) and each recording's population rate in 1 ms bins.</summary>
    public static (byte[] Raster, byte[] Rates) RasterAndRates(SimulationResult result)
    {
        var raster = new Plot();
        var rates = new Plot();
        double ms = result.Dt * 1e3;
        int offset = 0;
        const int MaxDots = 200_000;
        for (int r = 0; r < result.Spikes.Length; r++)
        {
            var train = result.Spikes[r];
            var color = Palette[r % Palette.Length];
            int stride = Math.Max(1, train.Steps.Length / MaxDots);
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 0; k < train.Steps.Length; k += stride)
            {
                xs.Add(train.Steps[k] * ms);
                ys.Add(offset + train.Indices[k] - train.Start);
            }
            var dots = raster.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), color);
            dots.MarkerSize = 2;
            dots.LegendText = train.Population;
            // Population rate in 1 ms bins (or one step when dt is larger).
            int bin = Math.Max(1, (int)Math.Round(1.0 / ms));
            var counts = new double[(int)(result.Steps / bin) + 1];
            foreach (long step in train.Steps)
            {
                counts[step / bin]++;
            }
            double seconds = bin * result.Dt;
            var times = Enumerable.Range(0, counts.Length).Select(i => i * bin * ms).ToArray();
            var line = rates.Add.ScatterLine(times, counts.Select(c => c / (train.Count * seconds)).ToArray(), color);
            line.LegendText = train.Population;
            offset += train.Count;
        }
        raster.Title($"{result.Model}: spikes");
        raster.YLabel("neuron (recordings stacked)");
        raster.XLabel("time (ms)");
        raster.Axes.SetLimits(0, result.Duration * 1e3, -0.5, Math.Max(1, offset) - 0.5);
        raster.ShowLegend(Alignment.UpperRight);
        rates.Title($"{result.Model}: population rates (1 ms bins)");
        rates.YLabel("rate (Hz)");
        rates.XLabel("time (ms)");
        rates.Axes.SetLimitsX(0, result.Duration * 1e3);
        rates.ShowLegend(Alignment.UpperRight);
        return (raster.GetImageBytes(1200, 700, ImageFormat.Png), rates.GetImageBytes(1200, 500, ImageFormat.Png));
    }

    /// <summary>
    /// A recorded synapse variable: its value over time for up to eight synapses, its last sample by
    /// synapse rank, and the distribution of the last sample (where learning shows: bimodal weights,
    /// a window, one synapse grown among many).
    /// </summary>
    public static byte[] Synapses(SimulationResult result, Trace trace)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        double ms = result.Dt * 1e3;
        var times = trace.Steps.Select(s => s * ms).ToArray();
        var (factor, unit) = DisplayScale(trace.Values.SelectMany(v => v));
        string label = $"{trace.Variable}{unit}";
        var overTime = multiplot.GetPlot(0);
        for (int n = 0; n < Math.Min(trace.Count, 8); n++)
        {
            var line = overTime.Add.ScatterLine(times, trace.Values.Select(v => v[n] / factor).ToArray(), Palette[n % Palette.Length]);
            line.LegendText = $"{trace.Population}[{trace.Start + n}]";
        }
        overTime.Title($"{result.Model}: {trace.Population}.{trace.Variable} (SI units{unit}), {trace.Count} synapses");
        overTime.XLabel("time (ms)");
        overTime.YLabel(label);
        overTime.ShowLegend(Alignment.UpperRight);
        var last = trace.Values[^1].Select(v => v / factor).ToArray();
        var byRank = multiplot.GetPlot(1);
        var ranks = Enumerable.Range(trace.Start, trace.Count).Select(r => (double)r).ToArray();
        var points = byRank.Add.ScatterPoints(ranks, last, Colors.Navy);
        points.MarkerSize = 3;
        byRank.XLabel("synapse rank");
        byRank.YLabel($"{label} at {times[^1]:0.###} ms");
        var distribution = multiplot.GetPlot(2);
        double lo = last.Min(), hi = last.Max();
        if (hi > lo)
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(Math.Clamp(trace.Count / 10, 10, 60), lo, hi);
            histogram.AddRange(last);
            var bars = distribution.Add.Bars(histogram.Bins, histogram.Counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize;
            }
        }
        distribution.XLabel($"{label} at {times[^1]:0.###} ms");
        distribution.YLabel("synapses");
        return multiplot.Render(1200, 1000).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>A power of 1000 that brings the largest magnitude into [1, 1000), and how to say it on an axis.</summary>
    private static (double Factor, string Unit) DisplayScale(IEnumerable<double> values)
    {
        double max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (max == 0)
        {
            return (1, "");
        }
        int exponent = 3 * (int)Math.Floor(Math.Log10(max) / 3);
        return exponent == 0 ? (1, "") : (Math.Pow(10, exponent), $" ×1e{exponent}");
    }

    /// <summary>One panel per recorded variable (each with its own unit), up to eight neurons each, time shared.</summary>
    public static byte[] Traces(SimulationResult result)
    {
        var multiplot = new Multiplot();
        var traces = result.Traces.Where(t => !t.OfSynapses).Take(12).ToList();
        multiplot.AddPlots(traces.Count);
        double ms = result.Dt * 1e3;
        for (int p = 0; p < traces.Count; p++)
        {
            var trace = traces[p];
            var plot = multiplot.GetPlot(p);
            var times = trace.Steps.Select(s => s * ms).ToArray();
            for (int n = 0; n < Math.Min(trace.Count, 8); n++)
            {
                var values = trace.Values.Select(v => v[n]).ToArray();
                var line = plot.Add.ScatterLine(times, values, Palette[n % Palette.Length]);
                line.LegendText = trace.Count == 1 ? $"{trace.Population}.{trace.Variable}" : $"{trace.Population}[{trace.Start + n}].{trace.Variable}";
            }
            plot.YLabel($"{trace.Population}.{trace.Variable}");
            plot.Axes.SetLimitsX(0, result.Duration * 1e3);
            plot.ShowLegend(Alignment.UpperRight);
            if (p == 0)
            {
                plot.Title($"{result.Model}: recorded variables (SI units)");
            }
        }
        multiplot.GetPlot(traces.Count - 1).XLabel("time (ms)");
        return multiplot.Render(1200, Math.Max(400, 220 * traces.Count)).GetImageBytes(ImageFormat.Png);
    }
}
