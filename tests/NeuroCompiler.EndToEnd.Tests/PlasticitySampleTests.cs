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

    [Fact]
    public void TheTripletRuleDepressesAtLowAndPotentiatesAtHighPostsynapticRates()
    {
        // Pfister & Gerstner 2006, all-to-all visual-cortex parameters, independent Poisson spikes:
        // drift per second = ρx ρy (A2+ τ+ − A2− τ− + A3+ τ+ τy ρy − A3− τ− τx ρx), in units of wmax.
        // Seeds 1-5: every group's mean within 3.0 standard errors of the drift; crossover 18.5-19.3 Hz.
        var result = SampleRunner.Run("frequency_ltp_ltd.neuro");
        var trace = result.Traces.Single(t => t.OfSynapses && t.Variable == "w");
        double seconds = trace.Steps[^1] * result.Dt;
        var w = trace.Values[^1];
        const double rhoX = 10, tp = 16.8e-3, tm = 33.7e-3, tx = 101e-3, ty = 125e-3;
        const double a2p = 5e-10, a3p = 6.2e-3, a2m = 7e-3, a3m = 2.3e-4;
        double Drift(double rhoY) => rhoX * rhoY * (a2p * tp - a2m * tm + a3p * tp * ty * rhoY - a3m * tm * tx * rhoX);
        var means = new List<(double Rate, double Mean)>();
        for (int g = 0; g < 10; g++)
        {
            double rate = 2 + 4 * g;
            var changes = Enumerable.Range(g * 100, 100).Select(k => (w[k] - 0.25e-9) / 1e-9).ToArray();
            Assert.DoesNotContain(changes, c => c <= -0.25 + 1e-12 || c >= 0.75 - 1e-12); // no weight reached a bound
            double mean = changes.Average();
            double error = Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / 99) / 10;
            double expected = Drift(rate) * seconds;
            Assert.True(Math.Abs(mean - expected) < 4 * error + 0.002,
                $"{rate} Hz: mean change {mean:F4} wmax, drift predicts {expected:F4} (standard error {error:F4})");
            means.Add((rate, mean));
        }
        Assert.All(means.Where(m => m.Rate <= 14), m => Assert.True(m.Mean < 0, $"LTD expected at {m.Rate} Hz"));
        Assert.All(means.Where(m => m.Rate >= 22), m => Assert.True(m.Mean > 0, $"LTP expected at {m.Rate} Hz"));
        int up = means.FindIndex(m => m.Mean > 0);
        var (r0, m0) = means[up - 1];
        var (r1, m1) = means[up];
        double crossover = r0 + (r1 - r0) * -m0 / (m1 - m0);
        double theta = (a2m * tm - a2p * tp + a3m * tm * tx * rhoX) / (a3p * tp * ty);
        Assert.InRange(theta, 18.6, 18.8);
        Assert.InRange(crossover, theta - 3, theta + 3);
    }

    [Fact]
    public void DepressionSpreadsBackwardAndLaterallyButNotForward()
    {
        // Fitzsimonds, Song & Poo 1997, with the sample's declared fractions: backward 0.5, lateral 0.3.
        var result = SampleRunner.Run("ltd_spread.neuro");
        double Change(string projection) => Last(result, projection, "w")[0] - 1e-9;
        double ltd = Change("ab");
        // 60 post-before-pre pairings at Δt = -10 ms: about 60 × 0.0105 × exp(-10/33.7) wmax (less as
        // the weight is far from the bound, it is not clipped).
        Assert.InRange(ltd / 1e-9, -0.50, -0.40);
        Assert.Equal(0.5 * ltd, Change("ca"), 1e-21);
        Assert.Equal(0.3 * ltd, Change("ad"), 1e-21);
        Assert.Equal(0, Change("be"));   // forward: from the postsynaptic neuron
        Assert.Equal(0, Change("fb"));   // convergent: onto the postsynaptic neuron
    }

    [Fact]
    public void GrowthAndPruningBringTheRateToTheTarget()
    {
        // Seeds 11-13: first second under 0.1 Hz; last 10 s 9.8-10.0 Hz (target 10 Hz); synapses 787-805 -> 3,814-3,874.
        var result = SampleRunner.Run("structural.neuro");
        Assert.InRange(result.WindowRate("P", 0, 1000), 0, 3);          // too few synapses at the start
        Assert.InRange(result.WindowRate("P", 10000, 20000), 9, 11);      // the set point
        var exists = result.Traces.Single(t => t.OfSynapses && t.Variable == "exists").Values;
        double first = exists[0].Sum(), last = exists[^1].Sum();
        Assert.InRange(first, 700, 900);
        Assert.InRange(last, 3400, 4400);
    }

    [Fact]
    public void SongMillerAbbottStdpMakesTheWeightsCompeteIntoABimodalDistribution()
    {
        // 100 s, as Brian2's STDP example. Fractions of weights (in units of gmax) below 0.1 / above 0.9 /
        // between 0.3 and 0.7, and the neuron's rate:
        //   neuroc (seed 2000):         0.222 / 0.193 / 0.213, 25.5 Hz;
        //   Brian2 2.5.1 (its seed 1):  0.230 / 0.183 / 0.227, 22.2 Hz (bench/brian2/song2000_stdp.py 1);
        //   the uniform start:          0.1   / 0.1   / 0.4.
        var result = SampleRunner.Run("song2000_stdp.neuro");
        var trace = result.Traces.Single(t => t.OfSynapses && t.Variable == "w");
        var start = trace.Values[0].Select(w => w / 0.01).ToArray();
        var end = trace.Values[^1].Select(w => w / 0.01).ToArray();
        double Fraction(double[] w, Func<double, bool> where) => w.Count(where) / (double)w.Length;
        Assert.InRange(Fraction(start, w => w < 0.1) + Fraction(start, w => w > 0.9), 0.15, 0.25);
        Assert.InRange(Fraction(end, w => w < 0.1), 0.15, 0.30);
        Assert.InRange(Fraction(end, w => w > 0.9), 0.13, 0.25);
        Assert.InRange(Fraction(end, w => w > 0.3 && w < 0.7), 0.15, 0.30);
        Assert.All(end, w => Assert.InRange(w, 0, 1));
        Assert.InRange(result.Population("N").MeanRate, 15, 35);
    }

    [Fact]
    public void AnAssemblyCompletesAPatternAndForgetsItUnlessConsolidated()
    {
        // Seeds 5-7, rate of the uncued half: rest 0.2-0.9 Hz; early recall A 15.9-21.9 Hz, B 22.0-26.7 Hz;
        // late recall A 0.0-0.1 Hz (faded), B 9.6-12.1 Hz (consolidated).
        var result = SampleRunner.Run("assembly_memory.neuro");
        double Rate(int start, double from, double to)
        {
            var trace = result.Rates.Single(r => r.Population == "E" && r.Start == start);
            return trace.Rates.Skip((int)(from * 10)).Take((int)((to - from) * 10)).Average();
        }
        Assert.InRange(Rate(25, 0.5, 1.0), 0, 3);          // A's uncued half at rest
        Assert.InRange(Rate(25, 3.0, 3.3), 8, 40);         // early recall of A: completion
        Assert.InRange(Rate(75, 12.5, 12.8), 8, 40);       // early recall of B
        Assert.InRange(Rate(25, 35.0, 35.3), 0, 2);        // A unconsolidated: forgotten
        Assert.InRange(Rate(75, 37.0, 37.3), 5, 30);       // B consolidated: remembered
        Assert.InRange(Rate(100, 20, 34), 0.1, 3);         // no runaway: the rest stays quiet
    }

    [Fact]
    public void DistalRewardIsPaidOneToThreeSecondsAfterThePairItRewards()
    {
        // Two simulated minutes of samples/distal_reward.neuro (the hour is in bench/distal_reward.sh):
        // every dopamine kick of 0.5 follows, 1 to 3 s later, a spike of E[1] within 20 ms after a spike
        // of E[0] arrived. Seed 7 over 120 s: 6 such pairs, 6 rewards.
        var result = SampleRunner.Run("distal_reward.neuro", "duration=120 s");
        double[] n1 = result.SpikeTimes("E", 0), n2 = result.SpikeTimes("E", 1);
        var pairs = n2.Where(b => n1.Any(a => b - (a + 0.5) >= 0 && b - (a + 0.5) < 20)).ToList();
        var dopamine = result.Traces.Single(t => t.Variable == "dopamine");
        var kicks = new List<double>();
        for (int k = 1; k < dopamine.Values.Length; k++)
        {
            double jump = dopamine.Values[k][0] - dopamine.Values[k - 1][0];
            if (jump > 0.3)
            {
                Assert.InRange(jump, 0.45, 0.5);        // +0.5, less one sample interval of decay
                kicks.Add(dopamine.Steps[k] * result.Dt * 1e3);
            }
        }
        Assert.NotEmpty(kicks);
        Assert.True(kicks.Count <= pairs.Count, $"{kicks.Count} rewards for {pairs.Count} pairs");
        Assert.All(kicks, kick => Assert.Contains(pairs, pair => kick - pair >= 1000 && kick - pair <= 3011));
        var rewarded = result.Traces.Single(t => t.OfSynapses && t.Population == "rewarded").Values;
        Assert.All(rewarded, w => Assert.InRange(w[0], 0, 4e-3));
        Assert.InRange(result.Population("E").MeanRate, 0.5, 5);
    }
}
