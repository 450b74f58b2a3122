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
        if (result.Traces.Length > 0)
        {
            using var stream = output.Create("traces.png");
            stream.Write(Traces(result));
            files.Add("traces.png");
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

    /// <summary>One panel per recorded variable (each with its own unit), up to eight neurons each, time shared.</summary>
    public static byte[] Traces(SimulationResult result)
    {
        var multiplot = new Multiplot();
        var traces = result.Traces.Take(12).ToList();
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
