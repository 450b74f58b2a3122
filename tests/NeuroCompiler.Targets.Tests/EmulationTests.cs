using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>The digital emulator is the cores' integer arithmetic, step by step; a mapped network behaves like its model within the report's error.</summary>
public class EmulationTests
{
    /// <summary>One core with one neuron: membrane v and one current x, fed by input population 1 (mantissa 600, exponent 0, delay 1).</summary>
    private static DigitalConfiguration OneNeuron(long threshold) => new("hand", "", "loihi-like", "", 1, 1e-3,
        ImmutableArray.Create(new ProjectionConfiguration(0, "in", "x", 0)),
        ImmutableArray.Create(new CoreConfiguration(0, 0, 0, 0, 0, 0, 1, "v",
            ImmutableArray.Create(("v", 410), ("x", 2048)), threshold, Bias: 0, Rest: 0, RefractorySteps: 2,
            ImmutableArray.Create(new ConfiguredSynapse(0, 1, 0, 0, 600, 1)), ImmutableArray<int>.Empty)));

    [Theory]
    [InlineData(1000, new long[] { 3 })]
    [InlineData(1438, new long[] { 3 })]
    [InlineData(1439, new long[] { 4 })]
    [InlineData(5000, new long[0])]
    public void ASmallNetworkFollowsTheHandComputedIntegerTrace(long threshold, long[] expected)
    {
        // Input spikes at steps 0 and 1 arrive at 1 and 2. By hand (U = 4096, v keeps 3686/4096, x keeps 2048/4096):
        //   step 1: v = 0;                 x = 0, then + 600 = 600
        //   step 2: v = 0 + 600 = 600;     x = 300, then + 600 = 900
        //   step 3: v = 600·3686/4096 (539) + 900 = 1439;  x = 450.  Spike if v > threshold.
        //   step 4: v = 1439·3686/4096 (1294) + 450 = 1744; x = 225.  (then it falls: 1569 + 225 = 1794 at most)
        var emulator = new DigitalEmulator(OneNeuron(threshold), 24, 4096, (_, _) => 0);
        var spikes = emulator.Run(8, new[] { new DeviceSpike(0, 1, 0), new DeviceSpike(1, 1, 0) });
        Assert.Equal(expected, spikes.Select(s => s.Step));
    }

    [Fact]
    public void ARefractoryNeuronHoldsItsMembraneAndSpikesAgainOnlyAfterIt()
    {
        // Threshold 0 with bias 1: the neuron fires whenever it may: every third step (refractory 2).
        var config = OneNeuron(0);
        config = config with { Cores = ImmutableArray.Create(config.Cores[0] with { Bias = 1 }) };
        var spikes = new DigitalEmulator(config, 24, 4096, (_, _) => 0).Run(12, Array.Empty<DeviceSpike>());
        Assert.Equal(new long[] { 0, 3, 6, 9 }, spikes.Select(s => s.Step));
    }

    [Fact]
    public void CubaOnALoihiLikeTargetKeepsItsRateWithinTheMappingsError()
    {
        var network = Models.CompileFile(Repository.Path("samples", "cuba.neuro"), "duration=1 s", "precision=float64").Network!;
        var recorded = network with { Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size))).ToImmutableArray() };
        var ideal = ReferenceInterpreter.Run(recorded);
        var diagnostics = new DiagnosticBag();
        var target = TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "loihi-like.json")), "loihi-like.json"), diagnostics)!;
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var mapping = DigitalMapper.Map(network, target, () => rates, new MappingOptions(), diagnostics)!;
        var configuration = DigitalConfiguration.From(network, mapping, "", "");
        var fidelity = DigitalFidelity.Compare(network, mapping, configuration, ideal);
        var p = Assert.Single(fidelity.Populations);
        // Seed 1, 1 s: ideal 5.52 Hz, mapped 5.45 Hz (-1.3 %), with the device stepping 1 ms against the model's 0.1 ms.
        Assert.InRange(p.RelativeError, -0.1, 0.1);
        Assert.True(fidelity.MappedSpikes > 10_000);
    }
}
