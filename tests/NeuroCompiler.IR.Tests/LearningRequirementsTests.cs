using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>The IR says, for each learning projection, what its rule needs and when it runs.</summary>
public class LearningRequirementsTests
{
    private static LearningRequirements? Of(string model, string projection)
    {
        var network = Models.Network(model);
        return LearningRequirements.Of(network, network.Projections.Single(p => p.Name == projection));
    }

    private const string Neurons = """
        import "std/plasticity"
        signals { state dopamine = 0 }
        neuron N { state v = 0 mV; state rate = 0 Hz; threshold v > 1 mV; reset { v = 0 mV } }
        population P = N[10]
        """;

    [Fact]
    public void PairStdpKeepsTracesSolvedBetweenEventsAndRunsAtSpikes()
    {
        var learning = Of(Neurons + "projection p = P -> P : STDP { connect all_to_all; target = v; wmax = 1 mV }", "p")!;
        Assert.Equal(new[] { "w", "apre", "apost" }, learning.ChangingSynapseVariables.OrderBy(n => n == "w" ? 0 : n == "apre" ? 1 : 2));
        Assert.Equal(new[] { "apre", "apost" }, learning.EventDrivenStates);
        Assert.Equal(new[] { RuleTrigger.PresynapticSpike, RuleTrigger.PostsynapticSpike }, learning.Timings.Select(t => t.Trigger));
        Assert.Empty(learning.Reads);
        Assert.Equal(new[] { VariableSpace.NeuronState }, learning.Writes.Select(w => w.Space));   // target += w
        Assert.False(learning.UsesRandom);
    }

    [Fact]
    public void RewardModulatedStdpReadsTheNeuromodulatorOnAClock()
    {
        var learning = Of(Neurons + "projection p = P -> P : RewardSTDP { connect all_to_all; target = v; wmax = 1 mV }", "p")!;
        Assert.Contains(new RuleTiming(RuleTrigger.Clock, 100), learning.Timings);
        Assert.Contains(learning.Reads, r => r.Space == VariableSpace.Signal);
    }

    [Fact]
    public void StructuralRulesAndSpreadsAreListed()
    {
        var learning = Of(Neurons + """
            synapse G {
              param w = 1 mV
              on_pre { v += w }
              prune every 10 ms when rand() < 0.1 * post.rate / (1 Hz)
            }
            synapse S { param w = 1 mV; on_pre { v += w; w *= 0.9 } }
            population Q = N[5]
            projection g = P -> P : G { connect all_to_all }
            projection s = Q -> P : S { connect all_to_all }
            projection back = P -> Q : S { connect all_to_all }
            spread s -> back { fraction = 0.5 }
            """, "g")!;
        Assert.True(learning.Structural);
        Assert.True(learning.UsesRandom);
        Assert.Equal(new RuleTiming(RuleTrigger.Prune, 100), Assert.Single(learning.Timings));
        Assert.Contains(learning.Reads, r => r is { Space: VariableSpace.NeuronState, Side: Side.Post });
        var network = Models.Network(Neurons + """
            synapse S { param w = 1 mV; on_pre { v += w; w *= 0.9 } }
            synapse Fixed { param w = 1 mV; on_pre { v += w } }
            population Q = N[5]
            projection s = Q -> P : S { connect all_to_all }
            projection back = P -> Q : Fixed { connect all_to_all }
            spread s -> back { fraction = 0.5 }
            """);
        var source = LearningRequirements.Of(network, network.Projections.Single(p => p.Name == "s"))!;
        Assert.Equal(new[] { network.Projections.Single(p => p.Name == "back").Index }, source.SpreadsTo);
        // A synapse that only receives spread changes still learns: its w changes.
        Assert.Equal(new[] { "w" }, LearningRequirements.Of(network, network.Projections.Single(p => p.Name == "back"))!.ChangingSynapseVariables);
    }

    [Fact]
    public void FixedSynapsesHaveNoRequirements()
    {
        Assert.Null(Of(Neurons + "synapse F { param w = 1 mV; on_pre { v += w } }\nprojection f = P -> P : F { connect all_to_all }", "f"));
    }
}
