using System.Security.Cryptography;
using NeuroCompiler.ConnectRules;
using NeuroCompiler.IR.Memory;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// The connect rules through the connectivity pass: the synapses each builds, what the IR printer shows, its
/// estimate against what it builds. Most cases walk the registry, so a rule added later is checked too.
/// </summary>
public class ConnectRuleTests
{
    public static TheoryData<string> Rules() => new(ConnectivityRules.Names);

    /// <summary>A projection within one population, shifted by ten neurons, with random weights and delays.</summary>
    private static Network Network(string rule, string extra, string seed = "1") => Models.Network($$"""
        model c { seed = {{seed}} }
        neuron N { state v = 0 mV }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population A = N[300] { layout = random(500 um, 500 um) }
        population B = N[250] { layout = grid(25, 10, spacing = 20 um) }
        projection p = A[10:290] -> A[0:280] : S { connect {{rule}}; w = rand() * 1 mV; delay = 1 ms + rand() * 2 ms; {{extra}} }
        """);

    /// <summary>The first 16 hex digits of a SHA-256 of the row starts, each synapse's target and delay, and the values.</summary>
    private static string Hash(Connectivity c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (int r in c.RowStart)
        {
            sha.AppendData(BitConverter.GetBytes(r));
        }
        for (int k = 0; k < c.Count; k++)
        {
            sha.AppendData(BitConverter.GetBytes(c.Targets[k]));
            sha.AppendData(BitConverter.GetBytes(c.Delay(k)));
        }
        foreach (var column in c.Values.OfType<SynapseColumn>())
        {
            for (int k = 0; k < c.Count; k++)
            {
                sha.AppendData(BitConverter.GetBytes(column[k]));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16];
    }

    /// <summary>
    /// Recorded from the connectivity pass before the rules were descriptors (the enum and the pair generator's
    /// switch): the same seed must keep building the same synapses, bit for bit, and printing the same rule.
    /// </summary>
    [Theory]
    [InlineData("all_to_all", "autapses = false", 78130, "258D2B135210B9D7", "all_to_all")]
    [InlineData("one_to_one", "autapses = false", 280, "60370D0E2D9369A3", "one_to_one")]
    [InlineData("fixed_probability(0.05)", "autapses = false", 3861, "A0C9FFFA183A3EB5", "fixed_probability(0.05)")]
    [InlineData("fixed_indegree(25)", "autapses = false", 7000, "6A78E9D094358E14", "fixed_indegree(25)")]
    [InlineData("fixed_indegree(25)", "autapses = false; multapses = true", 7000, "8C69D58A5D5C2401", "fixed_indegree(25)")]
    [InlineData("fixed_outdegree(7)", "autapses = false", 1960, "BE16B5DE4594A189", "fixed_outdegree(7)")]
    [InlineData("fixed_outdegree(7)", "autapses = false; multapses = true", 1960, "42F288A55B2B9982", "fixed_outdegree(7)")]
    [InlineData("fixed_total(5000)", "autapses = false", 5000, "D17F5718156FBF5C", "fixed_total(5000)")]
    [InlineData("fixed_total(5000)", "autapses = false; multapses = true", 5000, "0C520E9DD9A1B896", "fixed_total(5000)")]
    [InlineData("probability(0.1)", "autapses = false", 7808, "7DA458209D70BDA7", "probability(...)")]
    [InlineData("probability(0.5 * exp(-distance**2 / (2 * (100 um)**2)))", "autapses = false", 7089, "0C02B537003F5D30", "probability(...)")]
    public void TheRulesBuildTheSynapsesTheyBuiltBeforeTheyWereDescriptors(string rule, string extra, int count, string hash, string printed)
    {
        var network = Network(rule, extra);
        var synapses = network.Projections[0].Synapses!;
        Assert.Equal((count, hash), (synapses.Count, Hash(synapses)));
        string flags = extra.Contains("multapses") ? ", no autapses, multapses" : ", no autapses";
        Assert.Contains($"projection p: A[10:290] -> A[0:280], S, {printed}{flags}\n", NetworkPrinter.Print(network));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRuleBuildsTheSameSynapsesFromTheSameSeed(string name)
    {
        string rule = ConnectRuleSamples.Written(ConnectivityRules.Find(name)!);
        string extra = name == "one_to_one" ? "" : "autapses = false";
        Assert.Equal(Hash(Network(rule, extra, seed: "9").Projections[0].Synapses!), Hash(Network(rule, extra, seed: "9").Projections[0].Synapses!));
    }

    /// <summary>The estimate is the mean: what is built lies within six standard deviations of a Poisson count around it.</summary>
    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRulesEstimateIsTheMeanOfWhatItBuilds(string name)
    {
        var rule = ConnectivityRules.Find(name)!;
        var network = Models.Network($$"""
            model c { seed = 4 }
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population A = N[200] { layout = grid(20, 10, spacing = 10 um) }
            projection p = A -> A : S { connect {{ConnectRuleSamples.Written(rule)}} }
            """);
        var projection = network.Projections[0];
        double estimate = SynapseMemory.Count(network, projection with { Synapses = null });
        Assert.InRange(projection.Synapses!.Count, estimate - 6 * Math.Sqrt(estimate) - 1, estimate + 6 * Math.Sqrt(estimate) + 1);
        Assert.Equal(projection.Synapses.Count, SynapseMemory.Count(network, projection));
    }
}
