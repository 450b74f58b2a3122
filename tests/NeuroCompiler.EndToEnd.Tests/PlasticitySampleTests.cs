using NeuroCompiler.Output;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>The plasticity samples reproduce the published behaviour their headers describe.</summary>
public class PlasticitySampleTests
{
    private static double[] Last(SimulationResult result, string projection, string variable) =>
        result.Traces.Single(t => t.OfSynapses && t.Population == projection && t.Variable == variable).Values[^1].ToArray();

    [Fact]
    public void StdpWindowIsTheDeclaredExponentialWindow()
    {
        // std/plasticity's STDP: Aplus = 0.01, Aminus = 0.0105, taupre = 16.8 ms, taupost = 33.7 ms
        // (Bi & Poo 1998), wmax = 1 nS, 10 pairings per synapse. Δt = 2 (k - 50) ms for synapse k.
        var result = SampleRunner.Run("stdp_window.neuro");
        var w = Last(result, "pairs", "w");
        Assert.Equal(101, w.Length);
        const double wmax = 1e-9, w0 = 0.5e-9;
        for (int k = 0; k < 101; k++)
        {
            double dt = 2.0 * (k - 50);
            // At Δt = 0 the pre spike arrives first in the step (delivery precedes on_post): potentiation.
            double expected = dt >= 0 ? 10 * 0.01 * Math.Exp(-dt / 16.8) : -10 * 0.0105 * Math.Exp(dt / 33.7);
            Assert.Equal(expected, (w[k] - w0) / wmax, 1e-11);
        }
        // The time constants, fitted from the weights alone (log-linear least squares on each side).
        double Fit(IEnumerable<(double Dt, double Change)> points)
        {
            var p = points.Select(x => (x.Dt, Log: Math.Log(Math.Abs(x.Change)))).ToList();
            double mx = p.Average(x => x.Dt), my = p.Average(x => x.Log);
            double slope = p.Sum(x => (x.Dt - mx) * (x.Log - my)) / p.Sum(x => (x.Dt - mx) * (x.Dt - mx));
            return -1 / slope;
        }
        var changes = Enumerable.Range(0, 101).Select(k => (Dt: 2.0 * (k - 50), Change: (w[k] - w0) / wmax)).ToList();
        Assert.Equal(16.8, Fit(changes.Where(c => c.Dt > 0)), 1e-6);
        Assert.Equal(-33.7, Fit(changes.Where(c => c.Dt < 0)), 1e-6);
    }
}
