using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>Which on_pre handlers touch only the postsynaptic neuron (and can be delivered target by target on a device).</summary>
public class PostLocalHandlerTests
{
    private static bool PostLocal(string synapseBody) => PostLocalHandler.Is(Models.Network($$"""
        param gain = 2
        neuron N {
          param s_max = 8 mV
          state v = 0 mV
          state s = 0 mV
          dv/dt = -v / (10 ms)
          ds/dt = -s / (5 ms)
        }
        synapse S {
        {{synapseBody}}
        }
        population A = N[4]
        population B = N[4]
        projection ab = A -> B : S { connect all_to_all }
        """).Projections[0].Synapse);

    [Theory]
    [InlineData("param w = 1 mV\non_pre { v += w }")]
    [InlineData("param w = 1 mV\non_pre { s += w * (1 - s / s_max) }")]
    [InlineData("param w = 1 mV\non_pre { v += w * gain; s -= w }")]
    [InlineData("param w = 1 mV\non_pre { v = v * 0.5 + w * j / 4 }")]
    public void HandlersThatOnlyReadAndWriteThePostsynapticNeuronAre(string body) => Assert.True(PostLocal(body));

    [Theory]
    [InlineData("param w = 1 mV\non_pre { pre.v += w }")]                 // writes the presynaptic neuron
    [InlineData("param w = 1 mV\non_pre { v += w * (1 + pre.v / 1 mV) }")] // reads it
    [InlineData("param w = 1 mV\nstate c = 0\non_pre { v += w; c += 1 }")] // writes the synapse
    [InlineData("param w = 1 mV\non_pre { v += w * rand() }")]             // draws a random number
    [InlineData("param w = 1 mV\non_post { w += 0.1 mV }")]                // no on_pre at all
    public void OthersAreNot(string body) => Assert.False(PostLocal(body));
}
