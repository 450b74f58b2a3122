using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>
/// Relay neurons carry a neuron's spikes to more cores than the target's fan-out allows: as few relays as the limits
/// let, every core within every limit, every synapse reached through exactly one path, the relay steps taken from
/// the delays where they allow it and the lengthened ones counted; without --insert-relays the error names the flag.
/// </summary>
public class RelayTests
{
    /// <summary>
    /// A repository target made small: <paramref name="neurons"/> per core, 64 input and output axons, 16 routing
    /// entries and fan-out <paramref name="fanOut"/> (loihi-like), or the same cores with truenorth-like's binary crossbar.
    /// </summary>
    public static TargetDescription Small(string name, int neurons, int fanOut, string edit = "")
    {
        var text = File.ReadAllText(Repository.Path("targets", $"{name}.json"));
        text = name == "loihi-like"
            ? text.Replace("\"neurons\": 1024, \"input_axons\": 4096, \"output_axons\": 4096", $"\"neurons\": {neurons}, \"input_axons\": 64, \"output_axons\": 64")
                .Replace("\"table_entries\": 4096, \"max_fan_out\": 4096", $"\"table_entries\": 16, \"max_fan_out\": {fanOut}")
            : text.Replace("\"neurons\": 256, \"input_axons\": 256, \"output_axons\": 256", $"\"neurons\": {neurons}, \"input_axons\": 64, \"output_axons\": 64")
                .Replace("\"table_entries\": 256, \"max_fan_out\": 1", $"\"table_entries\": 16, \"max_fan_out\": {fanOut}");
        return Read(edit.Length == 0 ? text : Edit(text, edit), name);
    }

    /// <summary>Applies "old=>new" to a target's text (and checks it was there).</summary>
    private static string Edit(string text, string edit)
    {
        var parts = edit.Split("=>");
        Assert.Contains(parts[0], text);
        return text.Replace(parts[0], parts[1]);
    }

    public static TargetDescription Read(string text, string name)
    {
        var diagnostics = new DiagnosticBag();
        var target = TargetRegistry.Read(SourceText.From(text, name + ".json"), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return target!;
    }

    /// <summary>A repository target as it is, or with one edit ("old=>new").</summary>
    public static TargetDescription TargetFile(string name, string edit = "")
    {
        var text = File.ReadAllText(Repository.Path("targets", $"{name}.json"));
        return Read(edit.Length == 0 ? text : Edit(text, edit), name);
    }

    /// <summary>Each on-chip neuron's number of distinct destination cores (its fan-out), added up over the network.</summary>
    public static long FanOuts(Network network, DigitalPartition partition)
    {
        var coreOf = network.Populations.Select(p => new int[p.Size]).ToArray();
        foreach (var slice in partition.Cores)
        {
            Array.Fill(coreOf[slice.Population], slice.Core, slice.Start, slice.Count);
        }
        var sets = new Dictionary<(int, int), HashSet<int>>();
        foreach (var projection in network.Projections.Where(p => Partitioner.OnChip(network.Populations[p.Source.Population])))
        {
            var synapses = projection.Synapses!;
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                var set = sets.TryGetValue((projection.Source.Population, projection.Source.Start + s), out var found) ? found
                    : sets[(projection.Source.Population, projection.Source.Start + s)] = new HashSet<int>();
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    set.Add(coreOf[projection.Target.Population][synapses.Targets[k]]);
                }
            }
        }
        return sets.Values.Sum(s => (long)s.Count);
    }

    /// <summary>
    /// Spike generators In drive A one to one; every A neuron reaches every B neuron (all to all, delay <paramref name="delay"/>),
    /// so each A neuron reaches every core of B; with <paramref name="feedback"/>, B feeds A back (B's fan-out is A's one core).
    /// Neurons start at rest (v = reset = rest = 0), so without input they stay there.
    /// </summary>
    public static Network Layers(int a, int b, string delay, bool feedback = false, string weight = "4 mV") => Models.Network($$"""
        model layers {
          dt = 1 ms
          duration = 200 ms
          seed = 5
        }
        {{SmallModels.LifAndAdd("2 ms")}}
        population In = SpikeGenerator[{{a}}] { times = 1 ms + i * 3 ms; period = 40 ms }
        population A = Lif[{{a}}]
        population B = Lif[{{b}}]
        projection drive = In -> A : Add { connect one_to_one; w = 40 mV }
        projection ab = A -> B : Add { connect all_to_all; w = {{weight}}; delay = {{delay}} }
        {{(feedback ? "projection ba = B -> A : Add { connect fixed_probability(0.3); w = -3 mV; delay = 2 ms }" : "")}}
        """);

    public static DigitalMapping Map(Network network, TargetDescription target, bool relays = true, DiagnosticBag? diagnostics = null)
    {
        diagnostics ??= new DiagnosticBag();
        var rates = network.Populations.ToDictionary(p => p.Index, _ => 10.0);
        var mapping = DigitalMapper.Map(network, target, () => rates, new MappingOptions(InsertRelays: relays), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return mapping!;
    }

    /// <summary>
    /// Every core keeps every limit, and every synapse of a relayed neuron is reached through one chain of relays: the
    /// relay delivering to its core names the core, has the neuron as root and the tree's depth as level, and each
    /// relay's parent (one level nearer the root) sends to the relay's core, down to the root, which sends to the first level's cores.
    /// </summary>
    internal static void AssertRelaysKeepEveryLimit(Network network, DigitalMapping mapping)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        var relays = mapping.Routing.Relays;
        Assert.True(mapping.CoreCount <= hardware.Chip.Chips * hardware.Chip.CoresPerChip);
        Assert.Equal(mapping.CoreCount, mapping.Routing.Routes.Length);
        Assert.All(mapping.Routing.Routes, r =>
        {
            Assert.InRange(r.Destinations.Length, 0, hardware.Routing.TableEntries);
            Assert.InRange(r.OutputAxons, 0, hardware.Core.OutputAxons);
            Assert.InRange(r.MaxFanOut, 0, hardware.Routing.MaxFanOut);
        });
        Assert.All(relays.Cores, c =>
        {
            Assert.InRange(c.Count, 1, hardware.Core.Neurons);
            Assert.InRange(c.InputAxons, 1, hardware.Core.InputAxons);
            Assert.InRange(c.SynapseBits, 1, hardware.Core.SynapseMemoryBits);
        });
        Assert.All(relays.Neurons, r => Assert.InRange(r.Destinations.Length, 1, hardware.Routing.MaxFanOut));
        var coreOf = network.Populations.Select(p => new int[p.Size]).ToArray();
        foreach (var slice in mapping.Partition.Cores)
        {
            Array.Fill(coreOf[slice.Population], slice.Core, slice.Start, slice.Count);
        }
        foreach (var projection in network.Projections.Where(p => Partitioner.OnChip(network.Populations[p.Source.Population])))
        {
            var synapses = projection.Synapses!;
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                var source = new NeuronRef(projection.Source.Population, projection.Source.Start + s);
                int levels = relays.Levels(source);
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1] && levels > 0; k++)
                {
                    int core = coreOf[projection.Target.Population][synapses.Targets[k]];
                    var relay = relays.Neurons[relays.Delivering(source, core)];
                    Assert.Contains(core, relay.Destinations);
                    Assert.Equal((source, levels), (relay.Root, relay.Level));
                    while (relay.Level > 1)
                    {
                        var parent = relays.Neurons[relay.Parent.Neuron];
                        Assert.Equal(relays.Population, relay.Parent.Population);
                        Assert.Equal((source, relay.Level - 1), (parent.Root, parent.Level));
                        Assert.Contains(relay.Core, parent.Destinations);
                        relay = parent;
                    }
                    Assert.Equal(source, relay.Parent);
                    Assert.Contains(relay.Core, relays.RootDestinations(source)!.Value);
                }
            }
        }
    }

    [Fact]
    public void OneLevelOfRelaysCarriesEachSpikeToEveryCoreWithinTheFanOut()
    {
        // 8 A neurons on one core reach the 8 cores of B (8 neurons each); fan-out 2: each A neuron needs 4 relays
        // (2 cores each), kept together on one relay core (one input axon); two such groups fill a core of 8.
        var network = Layers(8, 64, "3 ms");
        var mapping = Map(network, Small("loihi-like", neurons: 8, fanOut: 2));
        var relays = mapping.Routing.Relays;
        Assert.Equal(9, mapping.Partition.CoreCount);
        Assert.Equal((32, 4, 8, 1), (relays.Neurons.Length, relays.Cores.Length, relays.RelayedNeurons, relays.MaxLevels));
        Assert.Equal(13, mapping.CoreCount);
        Assert.All(relays.Cores, c => Assert.Equal((8, 2), (c.Count, c.InputAxons)));
        AssertRelaysKeepEveryLimit(network, mapping);
        // 3 steps asked: one through the relay, two on the last hop; nothing lengthened.
        var ab = mapping.Projections.Single(p => p.Name == "ab");
        Assert.All(ab.DelaySteps, d => Assert.Equal(2, d));
        Assert.Equal(0, ab.DelaysLengthened);
        Assert.Equal("32 relay neurons on 4 relay cores inserted for 8 neurons whose fan-out exceeds 2 (one relay level of one device step); no delay lengthened (the relay steps taken from the delays of all 512 synapses reached through relays)",
            Assert.Single(mapping.Changes));
        // A's own drive (from inputs, not on a core) and B (no outgoing synapses) need none.
        Assert.Equal(0, mapping.Projections.Single(p => p.Name == "drive").DelaysLengthened);
    }

    [Fact]
    public void RelaysFeedRelaysWhenOneLevelIsNotEnough()
    {
        // Fan-out 1 and 4 neurons per core: an A neuron's 16 destination cores need 16 relays on 4 cores, which it
        // cannot reach itself; a second level of 4 relays on one core reaches them. 4 × (16 + 4) relays on 20 cores.
        var network = Layers(4, 64, "3 ms");
        var mapping = Map(network, Small("loihi-like", neurons: 4, fanOut: 1));
        var relays = mapping.Routing.Relays;
        Assert.Equal((80, 20, 4, 2), (relays.Neurons.Length, relays.Cores.Length, relays.RelayedNeurons, relays.MaxLevels));
        Assert.Equal(16, relays.Neurons.Count(r => r.Level == 1));
        AssertRelaysKeepEveryLimit(network, mapping);
        var ab = mapping.Projections.Single(p => p.Name == "ab");
        Assert.All(ab.DelaySteps, d => Assert.Equal(1, d));   // 3 = 2 relay levels + 1
        Assert.Equal(0, ab.DelaysLengthened);
    }

    [Theory]
    [InlineData(8, 2, 1, "512 synapses' delays lengthened by one step")]
    [InlineData(4, 1, 2, "256 synapses' delays lengthened by up to 2 steps")]
    public void DelaysShorterThanTheRelayPathAreLengthenedAndCounted(int neurons, int fanOut, int levels, string change)
    {
        // 1 ms = 1 step asked; the relays take `levels` steps and the last hop at least one more.
        var network = Layers(neurons, 64, "1 ms");
        var mapping = Map(network, Small("loihi-like", neurons, fanOut));
        var ab = mapping.Projections.Single(p => p.Name == "ab");
        Assert.Equal(levels, mapping.Routing.Relays.MaxLevels);
        Assert.All(ab.DelaySteps, d => Assert.Equal(1, d));
        Assert.Equal(ab.Mantissas.Length, ab.DelaysLengthened);
        Assert.EndsWith(change, Assert.Single(mapping.Changes));
    }

    [Fact]
    public void WithoutTheFlagTheFanOutErrorNamesIt()
    {
        var diagnostics = new DiagnosticBag();
        var network = Layers(8, 64, "3 ms");
        Assert.Null(DigitalMapper.Map(network, Small("loihi-like", 8, 2), () => new Dictionary<int, double>(), new MappingOptions(), diagnostics));
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.Equal("NC0711", error.CodeText);
        Assert.Equal("core 0 (A[0:8]) needs 8 destination cores for one neuron (fan-out), and the target allows 2; relay neurons can pass its spikes on to them: map with --insert-relays to insert them",
            error.Message);
    }

    [Fact]
    public void ATargetWithoutRelayNeuronsSaysSo()
    {
        var diagnostics = new DiagnosticBag();
        var target = Small("loihi-like", 8, 2, "\"models\": [\"cuba_lif\", \"relay\"]=>\"models\": [\"cuba_lif\"]");
        Assert.Null(DigitalMapper.Map(Layers(8, 64, "3 ms"), target, () => new Dictionary<int, double>(), new MappingOptions(InsertRelays: true), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0712" && d.Message == "8 neurons need more destination cores than the target's fan-out (2) allows, and the target has no relay neurons (it runs cuba_lif)");
    }

    private static Network Cuba() => Models.CompileFile(Repository.Path("samples", "cuba.neuro"), "duration=100 ms").Network!;

    [Fact]
    public void CubaCompilesForTrueNorthLikeWithRelays()
    {
        var network = Cuba();
        var diagnostics = new DiagnosticBag();
        var mapping = Map(network, TargetFile("truenorth-like"), diagnostics: diagnostics);
        var relays = mapping.Routing.Relays;
        // Two neurons per core (their ~160 distinct sources fill most of 256 input axons); every neuron reaches ~80
        // cores, one relay each on fan-out 1, about three neurons' relays per relay core.
        Assert.Equal(1978, mapping.Partition.CoreCount);
        Assert.Equal(4000, relays.RelayedNeurons);
        Assert.Equal(1, relays.MaxLevels);
        // Each (neuron, destination core) is one relay of fan-out 1: as many relays as the neurons' fan-outs add up to.
        long fanOuts = FanOuts(network, mapping.Partition);
        Assert.Equal(fanOuts, relays.Neurons.Length);
        Assert.Equal(fanOuts, relays.Neurons.Sum(r => (long)r.Destinations.Length));
        Assert.InRange(relays.Cores.Length, fanOuts / 256 + 1, fanOuts / 170);
        Assert.True(mapping.CoreCount <= 4096);
        AssertRelaysKeepEveryLimit(network, mapping);
        // CUBA's delays (0.1 ms: 0 device steps, 1 at the least) become 2 steps: every synapse lengthened by one.
        Assert.Equal(network.TotalSynapses, mapping.Projections.Sum(p => (long)p.DelaysLengthened));
        Assert.All(mapping.Projections, p => Assert.All(p.DelaySteps, d => Assert.Equal(1, d)));
        Assert.Equal($"{relays.Neurons.Length:N0} relay neurons on {relays.Cores.Length:N0} relay cores inserted for 4,000 neurons whose fan-out exceeds 1 (one relay level of one device step); {network.TotalSynapses:N0} synapses' delays lengthened by one step",
            Assert.Single(mapping.Changes));
        // Two projections, two axon types on a model core; the relay projection's one on a relay core.
        Assert.Equal(mapping.CoreCount, mapping.Axons.Length);
        Assert.All(mapping.Axons.Take(mapping.Partition.CoreCount), a => Assert.Equal(2, a.Types.Length));
        Assert.All(mapping.Axons.Skip(mapping.Partition.CoreCount), a => Assert.Equal(relays.Projection, Assert.Single(a.Types).Projection));
        // truenorth-like's neurons decay by two shifts: CUBA's 20 ms, 5 ms and 10 ms come out as ≫5 ≫6 (20.8 ms), ≫3 ≫4 (4.8 ms)
        // and ≫4 ≫5 (10.2 ms), within 5 % of the model's: no warnings. Its weights fit the 9 bits: the membrane unit is coarser
        // (threshold 6,107 integers; ShiftDecayCoreTests has it by hand).
        Assert.Equal(new[] { "v:5,6:20.829", "ge:3,4:4.816", "gi:4,5:10.158" },
            mapping.Populations.Single().Neuron.Decays.Select(d => $"{d.State}:{string.Join(",", d.Shifts)}:{d.RealisedTau * 1e3:0.###}"));
        Assert.Empty(mapping.Warnings);
        Assert.Contains("| P | v | 20 | 20.829 | ≫5, ≫6 |", MappingReport.Text(network, mapping));
        Assert.Equal(6107, mapping.Populations.Single().Neuron.Threshold);
        Assert.All(mapping.Projections, p => Assert.Equal(0, p.Weights.ClippedFraction));
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(3250)]
    public void CubaWithRelaysOnTooFewCoresSaysHowManyItNeeds(int cores)
    {
        // At least one relay per neuron and destination core, 256 to a core: with the model's 1,978 cores, about 3,215
        // cores; that lower bound fails at 3,000 before any packing; at 3,250 it passes and the packed relay cores do not fit.
        var network = Cuba();
        long fanOuts = FanOuts(network, Partitioner.Partition(network, (DigitalHardware)TargetFile("truenorth-like").Hardware, new DiagnosticBag())!);
        long least = (fanOuts + 255) / 256;
        var target = TargetFile("truenorth-like", $"\"cores_per_chip\": 4096=>\"cores_per_chip\": {cores}");
        var diagnostics = new DiagnosticBag();
        Assert.Null(DigitalMapper.Map(network, target, () => new Dictionary<int, double>(), new MappingOptions(InsertRelays: true), diagnostics));
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.Equal("NC0711", error.CodeText);
        string why = 1978 + least > cores
            ? $"their relays need at least {fanOuts:N0} relay neurons on at least {least:N0} relay cores, which with the model's 1,978 cores is {1978 + least:N0}"
            : $"their relays take {fanOuts:N0} relay neurons on ";
        Assert.Equal(cores == 3000, 1978 + least > cores);
        Assert.StartsWith($"4,000 neurons need more destination cores than the target's fan-out (1) allows: {why}", error.Message);
        Assert.EndsWith($", and the target has {cores:N0} (1 chip(s) of {cores})", error.Message);
    }
}
