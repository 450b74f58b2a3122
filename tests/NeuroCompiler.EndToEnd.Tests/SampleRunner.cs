using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>Runs a sample from samples/ with --set overrides and measures its results.</summary>
internal static class SampleRunner
{
    public static SimulationResult Run(string sample, params string[] overrides)
    {
        var compilation = Models.CompileFile(Repository.Path("samples", sample), overrides);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return ReferenceInterpreter.Run(compilation.Network!);
    }

    public static PopulationSummary Population(this SimulationResult result, string name) =>
        result.Populations.Single(p => p.Name == name);

    /// <summary>Spike times (ms) of one neuron (index within its population), from the recorded spikes.</summary>
    public static double[] SpikeTimes(this SimulationResult result, string population, int neuron)
    {
        var times = new List<double>();
        foreach (var train in result.Spikes.Where(s => s.Population == population))
        {
            for (int k = 0; k < train.Steps.Length; k++)
            {
                if (train.Indices[k] == neuron)
                {
                    times.Add(train.Steps[k] * result.Dt * 1e3);
                }
            }
        }
        times.Sort();
        return times.ToArray();
    }

    public static double[] Intervals(double[] times) => times.Zip(times.Skip(1), (a, b) => b - a).ToArray();

    /// <summary>Mean of a recorded population rate (Hz) over the bins that start in [from, to) ms.</summary>
    public static double WindowRate(this SimulationResult result, string population, double fromMs, double toMs)
    {
        var trace = result.Rates.Single(r => r.Population == population);
        double binMs = trace.BinSteps * result.Dt * 1e3;
        var rates = trace.Rates.Where((_, k) => k * binMs >= fromMs - 1e-9 && k * binMs < toMs - 1e-9).ToList();
        Assert.NotEmpty(rates);
        return rates.Average();
    }

    /// <summary>The population's spike count in bins of <paramref name="binMs"/> from <paramref name="fromMs"/> to the end.</summary>
    public static int[] BinnedCounts(this SimulationResult result, string population, double binMs, double fromMs)
    {
        double durationMs = result.Duration * 1e3;
        var counts = new int[(int)Math.Floor((durationMs - fromMs) / binMs + 1e-9)];
        foreach (var train in result.Spikes.Where(s => s.Population == population))
        {
            foreach (long step in train.Steps)
            {
                int bin = (int)Math.Floor((step * result.Dt * 1e3 - fromMs) / binMs + 1e-9);
                if (bin >= 0 && bin < counts.Length)
                {
                    counts[bin]++;
                }
            }
        }
        return counts;
    }

    /// <summary>Variance over mean of the counts: 1 for independent Poisson neurons, of order N for synchronous ones.</summary>
    public static double Fano(int[] counts)
    {
        double mean = counts.Average();
        double variance = counts.Sum(c => (c - mean) * (c - mean)) / counts.Length;
        return variance / mean;
    }

    /// <summary>Frequency (Hz) of the largest non-zero Fourier component of the counts' fluctuations.</summary>
    public static double PeakFrequency(int[] counts, double binMs)
    {
        int n = counts.Length;
        double mean = counts.Average();
        double best = -1;
        int bestK = 0;
        for (int k = 1; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++)
            {
                double angle = 2 * Math.PI * k * j / n;
                re += (counts[j] - mean) * Math.Cos(angle);
                im -= (counts[j] - mean) * Math.Sin(angle);
            }
            double power = re * re + im * im;
            if (power > best)
            {
                best = power;
                bestK = k;
            }
        }
        return bestK / (n * binMs * 1e-3);
    }

    /// <summary>Samples (volts) of a recorded trace for one neuron, with their times in ms.</summary>
    public static (double TimeMs, double Value)[] TraceOf(this SimulationResult result, string population, string variable, int neuron)
    {
        var trace = result.Traces.Single(t => t.Population == population && t.Variable == variable);
        int column = neuron - trace.Start;
        Assert.InRange(column, 0, trace.Count - 1);
        return trace.Steps.Select((step, k) => (step * result.Dt * 1e3, trace.Values[k][column])).ToArray();
    }
}
