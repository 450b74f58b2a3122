using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>The connectivity pass: each rule's guarantees, delays, and reproducibility from the seed.</summary>
public class ConnectivityTests
{
    private static Connectivity Build(string rule, string extra = "", string seed = "1", int sources = 400, int targets = 300, bool same = false,
        string precision = "float64")
    {
        string target = same ? "A" : "B";
        var network = Models.Network($$"""
            model c { seed = {{seed}}; precision = {{precision}} }
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population A = N[{{sources}}]
            population B = N[{{targets}}]
            projection p = A -> {{target}} : S { connect {{rule}} {{extra}} }
            """);
        return network.Projections[0].Synapses!;
    }

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

    private static int[] Delays(Connectivity c) => Enumerable.Range(0, c.Count).Select(c.Delay).ToArray();

    private static double[] Column(Connectivity c, int variable) => Enumerable.Range(0, c.Count).Select(k => c.Values[variable]![k]).ToArray();

    [Fact]
    public void FixedIndegreeGivesEveryTargetExactlyKDistinctSources()
    {
        var c = Build("fixed_indegree(25)");
        var byTarget = Pairs(c).GroupBy(p => p.Target).ToList();
        Assert.Equal(300, byTarget.Count);
        Assert.All(byTarget, g =>
        {
            Assert.Equal(25, g.Count());
            Assert.Equal(25, g.Select(p => p.Source).Distinct().Count());
        });
    }

    [Fact]
    public void FixedOutdegreeGivesEverySourceExactlyKTargets()
    {
        var c = Build("fixed_outdegree(7)");
        Assert.All(Enumerable.Range(0, 400), s => Assert.Equal(7, c.RowStart[s + 1] - c.RowStart[s]));
        Assert.Equal(400 * 7, Pairs(c).Distinct().Count());
    }

    [Fact]
    public void FixedProbabilityMakesABinomialNumberOfSynapses()
    {
        // 400 x 300 pairs at p = 0.05: mean 6000, standard deviation 75.5.
        var counts = Enumerable.Range(1, 5).Select(seed => Build("fixed_probability(0.05)", seed: seed.ToString()).Count).ToList();
        Assert.All(counts, n => Assert.InRange(n, 6000 - 5 * 75.5, 6000 + 5 * 75.5));
        Assert.True(counts.Distinct().Count() > 1, "different seeds give different connectivity");
        // The chosen pairs are spread: each target's in-degree has mean 20 and variance near 19.
        var c = Build("fixed_probability(0.05)");
        var inDegrees = Enumerable.Range(0, 300).Select(t => (double)c.Targets.ToArray().Count(x => x == t)).ToArray();
        double mean = inDegrees.Average();
        double variance = inDegrees.Select(d => (d - mean) * (d - mean)).Sum() / (inDegrees.Length - 1);
        Assert.InRange(variance, 19 * 0.7, 19 * 1.3);
    }

    [Theory]
    [InlineData("fixed_probability(1e-30)")]
    [InlineData("fixed_probability(1e-17)")]
    [InlineData("fixed_probability(5e-324)")]
    public void AProbabilityTooSmallForOneMinusItMakesNoSynapses(string rule)
    {
        // 1 - p rounds to 1: the gaps are then drawn with log(1 - p) = -p, not a division by zero (the fuzzer found it).
        var c = Build(rule, sources: 2000, targets: 2000);
        Assert.Equal(0, c.Count);
        Assert.Equal(2001, c.RowStart.Length);
    }

    [Fact]
    public void FixedTotalMakesExactlyNDistinctSynapses()
    {
        var c = Build("fixed_total(1234)");
        Assert.Equal(1234, c.Count);
        Assert.Equal(1234, Pairs(c).Distinct().Count());
    }

    [Fact]
    public void FixedTotalWithMultapsesSplitsNAmongSourcesLikeAMultinomial()
    {
        // 40000 synapses from 400 sources: each row Binomial(40000, 1/400), mean 100, variance 99.75.
        var c = Build("fixed_total(40000)", "multapses = true");
        Assert.Equal(40000, c.Count);
        var rows = Enumerable.Range(0, 400).Select(s => (double)(c.RowStart[s + 1] - c.RowStart[s])).ToArray();
        double mean = rows.Average();
        double variance = rows.Select(r => (r - mean) * (r - mean)).Sum() / (rows.Length - 1);
        Assert.Equal(100, mean, 1e-9);
        Assert.InRange(variance, 99.75 * 0.75, 99.75 * 1.25);
        // Targets are uniform: each of the 300 has about 133 synapses in.
        var inDegrees = Enumerable.Range(0, 300).Select(t => c.Targets.ToArray().Count(x => x == t)).ToArray();
        Assert.InRange(inDegrees.Min(), 80, 133);
        Assert.InRange(inDegrees.Max(), 133, 190);
        Assert.True(Pairs(c).Distinct().Count() < c.Count, "with 40000 of 120000 pairs, some repeat");
    }

    [Fact]
    public void IndicesAndValuesAreStoredInTheNarrowestTypes()
    {
        // 300 targets fit 16 bits, 200 fit 8; delays 1..3 ms at 0.1 ms are offsets 0..20 (one byte).
        var wide = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)  delay = uniform(1 ms, 3 ms)");
        Assert.Equal(IndexWidth.UInt16, wide.Targets.Width);
        Assert.Equal(IndexWidth.Byte, wide.DelayOffsets!.Width);
        Assert.Equal(8, wide.Values[0]!.BytesPerElement);
        var narrow = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)", targets: 200, precision: "float32");
        Assert.Equal(IndexWidth.Byte, narrow.Targets.Width);
        Assert.Null(narrow.DelayOffsets);
        Assert.Equal(4, narrow.Values[0]!.BytesPerElement);
        // 1 byte target + 4 byte weight + the row starts (401 ints for 4000 synapses).
        Assert.Equal(1 + 4 + 4.0 * 401 / 4000, narrow.BytesPerSynapse, 1e-9);
        // float32 values are the float64 values rounded once.
        var single = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)", precision: "float32");
        var @double = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)");
        Assert.Equal(Column(@double, 0).Select(v => (double)(float)v), Column(single, 0));
    }

    [Fact]
    public void AllToAllAndOneToOne()
    {
        Assert.Equal(400 * 300, Build("all_to_all").Count);
        var c = Build("one_to_one", sources: 50, targets: 50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (i, i)), Pairs(c));
    }

    [Fact]
    public void AutapsesAreLeftOutWhenAskedAndMultapsesOnlyWhenAllowed()
    {
        var withAutapses = Build("all_to_all", same: true, sources: 30);
        Assert.Contains(Pairs(withAutapses), p => p.Source == p.Target);
        var without = Build("all_to_all", "autapses = false", same: true, sources: 30);
        Assert.DoesNotContain(Pairs(without), p => p.Source == p.Target);
        Assert.Equal(30 * 29, without.Count);
        var indegree = Build("fixed_indegree(29)", "autapses = false", same: true, sources: 30);
        Assert.DoesNotContain(Pairs(indegree), p => p.Source == p.Target);
        var multapses = Build("fixed_indegree(50)", "multapses = true", sources: 10, targets: 20);
        Assert.Equal(20 * 50, multapses.Count);
        Assert.True(Pairs(multapses).Distinct().Count() < multapses.Count);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSynapsesAndAnotherSeedOthers()
    {
        var a = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)  delay = uniform(1 ms, 3 ms)", seed: "5");
        var b = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)  delay = uniform(1 ms, 3 ms)", seed: "5");
        var c = Build("fixed_indegree(20)", "w = normal(1 mV, 0.1 mV)  delay = uniform(1 ms, 3 ms)", seed: "6");
        Assert.Equal(a.Targets.ToArray(), b.Targets.ToArray());
        Assert.Equal(Delays(a), Delays(b));
        Assert.Equal(Column(a, 0), Column(b, 0));
        Assert.NotEqual(a.Targets.ToArray(), c.Targets.ToArray());
    }

    [Fact]
    public void RandomDelaysAreWholeStepsWithinTheirRangeAndRowsAreSortedByDelay()
    {
        var c = Build("fixed_outdegree(30)", "delay = uniform(1 ms, 3 ms)");
        var delays = Delays(c);
        Assert.All(delays, d => Assert.InRange(d, 10, 30));
        Assert.Equal(10, c.MinDelay);
        Assert.Equal(30, c.MaxDelay);
        for (int s = 0; s < 400; s++)
        {
            for (int k = c.RowStart[s] + 1; k < c.RowStart[s + 1]; k++)
            {
                Assert.True(delays[k - 1] < delays[k] || (delays[k - 1] == delays[k] && c.Targets[k - 1] <= c.Targets[k]));
            }
        }
    }

    [Fact]
    public void PerSynapseWeightsFollowTheirDistribution()
    {
        var c = Build("fixed_indegree(50)", "w = normal(2 mV, 0.5 mV)");
        var w = Column(c, 0);
        double mean = w.Average();
        double sd = Math.Sqrt(w.Select(x => (x - mean) * (x - mean)).Sum() / (w.Length - 1));
        Assert.Equal(2e-3, mean, 2e-5);
        Assert.Equal(0.5e-3, sd, 2e-5);
    }

    [Fact]
    public void ADistanceDependentRuleConnectsNearNeighboursMore()
    {
        var network = Models.Network("""
            model d { seed = 2 }
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population A = N[400] { layout = grid(20, 20, spacing = 10 um) }
            projection p = A -> A : S { connect probability(exp(-distance**2 / (2 * (15 um)**2))) }
            """);
        var c = network.Projections[0].Synapses!;
        var x = network.Populations[0].Positions!.X;
        var y = network.Populations[0].Positions!.Y;
        var distances = Pairs(c).Select(p => Math.Sqrt(Math.Pow(x[p.Source] - x[p.Target], 2) + Math.Pow(y[p.Source] - y[p.Target], 2))).ToList();
        Assert.True(distances.Count > 400);
        Assert.True(distances.Max() < 80e-6, "no synapse spans more than 8 grid spacings (probability below 1e-6)");
        Assert.Equal(400, distances.Count(d => d == 0)); // p = 1 at distance 0
    }
}
