using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Host;
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
            ImmutableArray.Create(CoreDecay.Multiplier("v", 410), CoreDecay.Multiplier("x", 2048)), threshold, Bias: 0, Rest: 0, RefractorySteps: 2,
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

    [Theory]
    [InlineData(1000, new long[] { 3 })]
    [InlineData(1439, new long[] { 4 })]
    public void OnABinaryCrossbarTheWeightIsTheAxonTypesForTheNeuron(long threshold, long[] expected)
    {
        // The synapse's own mantissa (0) is not used: its axon's type gives the neuron 600, as in the hand trace above.
        var config = OneNeuron(threshold);
        var core = config.Cores[0] with
        {
            Synapses = ImmutableArray.Create(new ConfiguredSynapse(0, 1, 0, 0, 0, 1)),
            Axons = ImmutableArray.Create(new InputAxon(1, 0, 0)),
            AxonTypes = ImmutableArray.Create(new AxonType(0, ImmutableArray.Create(600))),
        };
        var spikes = new DigitalEmulator(config with { Cores = ImmutableArray.Create(core) }, 24, 4096, (_, _) => 0)
            .Run(8, new[] { new DeviceSpike(0, 1, 0), new DeviceSpike(1, 1, 0) });
        Assert.Equal(expected, spikes.Select(s => s.Step));
    }

    [Fact]
    public void ARelayCorePassesEachSpikeOnInTheStepItArrives()
    {
        // Input 1:0 → relay 2:0 (core 1: no decay, threshold 0, weight 1, delay 1) → the neuron (mantissa 600, delay 1).
        // The inputs of steps 0 and 1 reach the relay at 1 and 2, it fires then, and the neuron gets them at 2 and 3:
        // the hand trace one step later, the spike at 4 instead of 3.
        var config = OneNeuron(1000);
        var neuron = config.Cores[0] with { Synapses = ImmutableArray.Create(new ConfiguredSynapse(0, 2, 0, 0, 600, 1)) };
        var relay = new CoreConfiguration(1, 0, 1, 0, 2, 0, 1, "v", ImmutableArray.Create(CoreDecay.Multiplier("v", 0)), Threshold: 0, Bias: 0, Rest: 0, RefractorySteps: 0,
            ImmutableArray.Create(new ConfiguredSynapse(1, 1, 0, 0, 1, 1)), ImmutableArray.Create(0));
        config = config with
        {
            Projections = config.Projections.Add(new ProjectionConfiguration(1, "relay", "v", 0)),
            Cores = ImmutableArray.Create(neuron, relay),
            Relays = new RelayConfiguration(2, 1, 1),
        };
        var spikes = new DigitalEmulator(config, 24, 4096, (_, _) => 0).Run(8, new[] { new DeviceSpike(0, 1, 0), new DeviceSpike(1, 1, 0) });
        Assert.Equal(new[] { new DeviceSpike(1, 2, 0), new DeviceSpike(2, 2, 0), new DeviceSpike(4, 0, 0) }, spikes);
    }

    /// <summary>The mapping's spikes over <paramref name="steps"/> device steps (relays' left out), In neuron i firing at 1 + 3i, every 40 steps.</summary>
    private static List<DeviceSpike> Emulate(Network network, DigitalMapping mapping, int steps)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        var configuration = DigitalConfiguration.From(network, mapping, "", "");
        var input = network.Populations.Single(p => p.Name == "In");
        var inputs = Enumerable.Range(0, input.Size).SelectMany(i => Enumerable.Range(0, steps / 40 + 1).Select(k => new DeviceSpike(1 + 3 * i + 40L * k, input.Index, i))).ToList();
        var spikes = new DigitalEmulator(configuration, hardware.Formats.StateBits, hardware.Formats.DecayUnity, (_, _) => 0).Run(steps, inputs);
        return spikes.Where(s => s.Population != mapping.Routing.Relays.Population).ToList();
    }

    [Theory]
    [InlineData("loihi-like", 2)]
    [InlineData("truenorth-like", 1)]
    public void WhereTheDelaysAllowRelaysChangeNoSpike(string target, int fanOut)
    {
        // A → B all to all, 3 steps: through a relay, 1 + 2; B feeds A back (2 steps), through relays too on fan-out 1.
        // The same network on the same cores with an unlimited fan-out needs no relay; the spikes are the same, to the step.
        var network = RelayTests.Layers(8, 64, "3 ms", feedback: true, weight: "12 mV");
        var relayed = RelayTests.Map(network, RelayTests.Small(target, 8, fanOut));
        var direct = RelayTests.Map(network, RelayTests.Small(target, 8, 1000), relays: false);
        Assert.NotEmpty(relayed.Routing.Relays.Neurons);
        Assert.Empty(direct.Routing.Relays.Neurons);
        Assert.Equal(direct.Partition.Cores.ToList(), relayed.Partition.Cores.ToList());
        Assert.All(relayed.Projections, p => Assert.Equal(0, p.DelaysLengthened));
        var expected = Emulate(network, direct, 500);
        var spikes = Emulate(network, relayed, 500);
        Assert.Contains(expected, s => s.Population == 1);
        Assert.Contains(expected, s => s.Population == 2);
        Assert.Equal(expected, spikes);
    }

    [Theory]
    [InlineData("loihi-like", 2)]
    [InlineData("truenorth-like", 1)]
    public void WhereTheRelayLengthensTheDelayTheLayerAfterItSpikesOneStepLater(string target, int fanOut)
    {
        // A → B, one step asked: through a relay it takes two. A is fed from outside, B only by A and starts at rest,
        // so A spikes as before and B exactly one step later (what falls after the end is cut).
        const int steps = 500;
        var network = RelayTests.Layers(8, 64, "1 ms", weight: "12 mV");
        var relayed = RelayTests.Map(network, RelayTests.Small(target, 8, fanOut));
        var direct = RelayTests.Map(network, RelayTests.Small(target, 8, 1000), relays: false);
        Assert.Equal(512, relayed.Projections.Single(p => p.Name == "ab").DelaysLengthened);
        var expected = Emulate(network, direct, steps).Select(s => s.Population == 2 ? s with { Step = s.Step + 1 } : s).Where(s => s.Step < steps)
            .OrderBy(s => s.Step).ThenBy(s => s.Population).ThenBy(s => s.Neuron).ToList();
        var spikes = Emulate(network, relayed, steps).OrderBy(s => s.Step).ThenBy(s => s.Population).ThenBy(s => s.Neuron).ToList();
        Assert.Contains(expected, s => s.Population == 2);
        Assert.Equal(expected, spikes);
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
