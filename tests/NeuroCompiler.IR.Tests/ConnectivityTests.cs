using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>The connectivity pass: each rule's guarantees, delays, and reproducibility from the seed.</summary>
public class ConnectivityTests
{
    private static Connectivity Build(string rule, string extra = "", string seed = "1", int sources = 400, int targets = 300, bool same = false)
    {
        string target = same ? "A" : "B";
        var network = Models.Network($$"""
            model c { seed = {{seed}} }
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
        var inDegrees = Enumerable.Range(0, 300).Select(t => (double)c.Targets.Count(x => x == t)).ToArray();
        double mean = inDegrees.Average();
        double variance = inDegrees.Select(d => (d - mean) * (d - mean)).Sum() / (inDegrees.Length - 1);
        Assert.InRange(variance, 19 * 0.7, 19 * 1.3);
    }

    [Fact]
    public void FixedTotalMakesExactlyNDistinctSynapses()
    {
        var c = Build("fixed_total(1234)");
        Assert.Equal(1234, c.Count);
        Assert.Equal(1234, Pairs(c).Distinct().Count());
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
        Assert.Equal(a.Targets.AsEnumerable(), b.Targets.AsEnumerable());
        Assert.Equal(a.Delays.AsEnumerable(), b.Delays.AsEnumerable());
        Assert.Equal(a.Values[0]!.Value.AsEnumerable(), b.Values[0]!.Value.AsEnumerable());
        Assert.NotEqual(a.Targets.AsEnumerable(), c.Targets.AsEnumerable());
    }

    [Fact]
    public void RandomDelaysAreWholeStepsWithinTheirRangeAndRowsAreSortedByDelay()
    {
        var c = Build("fixed_outdegree(30)", "delay = uniform(1 ms, 3 ms)");
        Assert.All(c.Delays, d => Assert.InRange(d, 10, 30));
        Assert.Equal(10, c.MinDelay);
        Assert.Equal(30, c.MaxDelay);
        for (int s = 0; s < 400; s++)
        {
            for (int k = c.RowStart[s] + 1; k < c.RowStart[s + 1]; k++)
            {
                Assert.True(c.Delays[k - 1] < c.Delays[k] || (c.Delays[k - 1] == c.Delays[k] && c.Targets[k - 1] <= c.Targets[k]));
            }
        }
    }

    [Fact]
    public void PerSynapseWeightsFollowTheirDistribution()
    {
        var c = Build("fixed_indegree(50)", "w = normal(2 mV, 0.5 mV)");
        var w = c.Values[0]!.Value;
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
