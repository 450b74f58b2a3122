using System.Collections.Immutable;
using NeuroCompiler.ConnectRules;
using NeuroCompiler.IR.Memory;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// <c>connect gaussian(p_max, sigma, cutoff)</c> through the connectivity pass: the synapses it makes against the
/// probability profile p_max·exp(-d²/(2σ²)), d ≤ cutoff, worked out here from the neurons' positions, with
/// tolerances of five binomial standard deviations; its cut-off, its seed, its estimate and its printed form.
/// </summary>
public class GaussianRuleTests
{
    private const double PMax = 0.5, Sigma = 60e-6, Cutoff = 150e-6;

    private const string Gaussian = "gaussian(p_max = 0.5, sigma = 60 um, cutoff = 150 um)";

    /// <summary>A 30 × 30 grid 20 um apart (600 um square) and 400 neurons at random in a 600 um square.</summary>
    private static Network Network(string rule, string projection = "A -> A", string extra = "", string seed = "3") => Models.Network($$"""
        model g { seed = {{seed}} }
        neuron N { state v = 0 mV }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population A = N[900] { layout = grid(30, 30, spacing = 20 um) }
        population B = N[400] { layout = random(600 um, 600 um) }
        projection p = {{projection}} : S { connect {{rule}}; {{extra}} }
        """);

    private static IEnumerable<(int Source, int Target)> Pairs(Connectivity c)
    {
        for (int s = 0; s + 1 < c.RowStart.Length; s++)
        {
            for (int k = c.RowStart[s]; k < c.RowStart[s + 1]; k++)
            {
                yield return (s, c.Targets[k]);
            }
        }
    }

    /// <summary>The distance between source s and target t (indices in their populations).</summary>
    private static Func<int, int, double> Distance(Network network, Projection projection)
    {
        var a = network.Populations[projection.Source.Population].Positions!;
        var b = network.Populations[projection.Target.Population].Positions!;
        return (s, t) => Math.Sqrt(Math.Pow(a.X[s] - b.X[t], 2) + Math.Pow(a.Y[s] - b.Y[t], 2) + Math.Pow(a.Z[s] - b.Z[t], 2));
    }

    private static double Probability(double d) => d <= Cutoff ? PMax * Math.Exp(-d * d / (2 * Sigma * Sigma)) : 0;

    /// <summary>Every pair the projection may make (absolute indices), with its distance and probability.</summary>
    private static List<(int Source, int Target, double Distance, double P)> Candidates(Network network, Projection projection)
    {
        var distance = Distance(network, projection);
        bool sameNeurons = !projection.Autapses && projection.Source.Population == projection.Target.Population;
        var result = new List<(int, int, double, double)>();
        for (int s = projection.Source.Start; s < projection.Source.End; s++)
        {
            for (int t = projection.Target.Start; t < projection.Target.End; t++)
            {
                if (!(sameNeurons && s == t))
                {
                    double d = distance(s, t);
                    result.Add((s, t, d, Probability(d)));
                }
            }
        }
        return result;
    }

    [Theory]
    [InlineData("A -> A", "")]
    [InlineData("A -> A", "autapses = false")]
    [InlineData("A[100:700] -> B", "")]
    public void ItMakesAsManySynapsesAsTheProbabilitiesAddUpTo(string projection, string extra)
    {
        foreach (string seed in new[] { "1", "2", "3", "4", "5" })
        {
            var network = Network(Gaussian, projection, extra, seed);
            var p = network.Projections[0];
            var candidates = Candidates(network, p);
            double mean = candidates.Sum(c => c.P);
            double sd = Math.Sqrt(candidates.Sum(c => c.P * (1 - c.P)));
            Assert.InRange(p.Synapses!.Count, mean - 5 * sd, mean + 5 * sd);
            // Below 2048 sources and targets the estimate is the exact sum, not a sample.
            Assert.Equal(mean, SynapseMemory.Count(network, p with { Synapses = null }), mean * 1e-12);
        }
    }

    [Fact]
    public void TheFractionConnectedFallsWithDistanceAsAGaussian()
    {
        var network = Network(Gaussian);
        var projection = network.Projections[0];
        var made = Pairs(projection.Synapses!).Select(q => (q.Source + projection.Source.Start, q.Target)).ToHashSet();
        // Rings 15 um wide out to the cut-off: in each, the pairs connected against the sum of their probabilities.
        foreach (var ring in Candidates(network, projection).GroupBy(c => (int)(c.Distance / 15e-6)).Where(g => g.Key < 10))
        {
            double mean = ring.Sum(c => c.P);
            double sd = Math.Sqrt(ring.Sum(c => c.P * (1 - c.P)));
            int connected = ring.Count(c => made.Contains((c.Source, c.Target)));
            Assert.True(Math.Abs(connected - mean) <= 5 * sd + 1e-9,
                $"ring {ring.Key * 15}-{ring.Key * 15 + 15} um: {connected} of {ring.Count()} pairs connected, expected {mean:F1} ± {sd:F1}");
        }
    }

    [Fact]
    public void NoPairBeyondTheCutOffIsConnectedAndWithinItEveryOneCanBe()
    {
        var network = Network("gaussian(p_max = 1, sigma = 1 m, cutoff = 45 um)", "A[0:300] -> A");
        var projection = network.Projections[0];
        var distance = Distance(network, projection);
        var pairs = Pairs(projection.Synapses!).ToList();
        Assert.All(pairs, q => Assert.True(distance(q.Source, q.Target) <= 45e-6));
        // p is exp(-d²/2 m²) within 45 um, 1 - 1e-9: every pair within the cut-off is connected.
        Assert.Equal(Candidates(network, projection).Count(c => c.Distance <= 45e-6), pairs.Count);
    }

    [Fact]
    public void AutapsesFollowTheProjectionsSetting()
    {
        // At distance 0 the probability is p_max: 1 here, so every neuron connects to itself unless autapses = false.
        var with = Pairs(Network("gaussian(p_max = 1, sigma = 10 um, cutoff = 0 um)").Projections[0].Synapses!).ToList();
        Assert.Equal(Enumerable.Range(0, 900).Select(i => (i, i)), with);
        Assert.Empty(Pairs(Network("gaussian(p_max = 1, sigma = 10 um, cutoff = 0 um)", extra: "autapses = false").Projections[0].Synapses!));
    }

    [Fact]
    public void TheSameSeedGivesTheSameSynapsesAndAnotherSeedOthers()
    {
        var a = Network(Gaussian, seed: "7").Projections[0].Synapses!;
        var b = Network(Gaussian, seed: "7").Projections[0].Synapses!;
        var c = Network(Gaussian, seed: "8").Projections[0].Synapses!;
        Assert.Equal(a.RowStart.ToArray(), b.RowStart.ToArray());
        Assert.Equal(a.Targets.ToArray(), b.Targets.ToArray());
        Assert.NotEqual(a.Targets.ToArray(), c.Targets.ToArray());
    }

    /// <summary>The rule draws as <c>probability(expr)</c> does, one uniform per pair keyed by the pair: the same expression makes the same synapses.</summary>
    [Theory]
    [InlineData("A -> A", "")]
    [InlineData("A[100:700] -> B", "autapses = false")]
    [InlineData("B -> A[0:500]", "")]
    public void ItMakesTheSynapsesOfTheSameProbabilityExpression(string projection, string extra)
    {
        var gaussian = Network(Gaussian, projection, extra).Projections[0].Synapses!;
        var expression = Network("probability(where(distance <= 150 um, 0.5 * exp(-(distance * distance) / (2 * (60 um) * (60 um))), 0))",
            projection, extra).Projections[0].Synapses!;
        Assert.True(gaussian.Count > 1000);
        Assert.Equal(expression.RowStart.ToArray(), gaussian.RowStart.ToArray());
        Assert.Equal(expression.Targets.ToArray(), gaussian.Targets.ToArray());
    }

    [Fact]
    public void TheIrPrinterShowsItsArgumentsInSIUnits()
    {
        Assert.Contains("projection p: A -> A, S, gaussian(p_max = 0.5, sigma = 6E-05 m, cutoff = 0.00015 m)\n",
            NetworkPrinter.Print(Network("gaussian(p_max = 0.5, sigma = 0.00006 m, cutoff = 0.00015 m)")));
        Assert.Contains("S, gaussian(p_max = 1, sigma = 0.001 m, cutoff = Infinity m)\n", NetworkPrinter.Print(Network("gaussian(sigma = 0.001 m)")));
    }

    /// <summary>Beyond 2048 neurons a side the estimate averages an even sample of the pairs: within 2% of the exact sum here.</summary>
    [Fact]
    public void TheEstimateOfALargeProjectionSamplesItsPairs()
    {
        // 3000 sources on a 60 × 50 grid 10 um apart, 2500 targets on a 50 × 50 grid 12 um apart.
        static RangePositions Grid(int nx, int ny, double spacing) => new(
            Enumerable.Range(0, nx * ny).Select(i => i % nx * spacing).ToImmutableArray(),
            Enumerable.Range(0, nx * ny).Select(i => i / nx * spacing).ToImmutableArray(),
            ImmutableArray.CreateRange(new double[nx * ny]), 0);
        var sources = Grid(60, 50, 10e-6);
        var targets = Grid(50, 50, 12e-6);
        var rule = ConnectivityRules.Find("gaussian")!;
        var arguments = new RuleArguments(rule, ImmutableArray.Create(PMax, Sigma, Cutoff));
        var pairs = new PairSpace(1, 2, 3000, 2500, false, 0, false, sources, targets, ImmutableArray<PairFunction>.Empty);
        double exact = 0;
        for (int s = 0; s < 3000; s++)
        {
            for (int t = 0; t < 2500; t++)
            {
                exact += Probability(RangePositions.Distance(sources, s, targets, t));
            }
        }
        Assert.Equal(exact, rule.ExpectedSynapses(arguments, pairs), exact * 0.02);
    }
}
