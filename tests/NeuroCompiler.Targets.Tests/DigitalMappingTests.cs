using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Partitioning onto digital cores and routing between them keep every limit, or say which one breaks.</summary>
public class DigitalMappingTests
{
    private static DigitalHardware Target(string name, Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Repository.Path("targets", $"{name}.json"));
        var diagnostics = new DiagnosticBag();
        var target = TargetRegistry.Read(SourceText.From(edit?.Invoke(text) ?? text, name), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return (DigitalHardware)target!.Hardware;
    }

    private static Network Cuba() => Models.CompileFile(Repository.Path("samples", "cuba.neuro")).Network!;

    [Theory]
    [InlineData("loihi-like")]
    [InlineData("truenorth-like")]
    public void CubaFitsEveryLimitOfEachCore(string name)
    {
        var network = Cuba();
        var hardware = Target(name);
        var diagnostics = new DiagnosticBag();
        var partition = Partitioner.Partition(network, hardware, diagnostics)!;
        Assert.False(diagnostics.HasErrors);
        Assert.Equal(4000, partition.Cores.Sum(c => c.Count));
        Assert.Equal(network.TotalSynapses, partition.Cores.Sum(c => c.Synapses));
        Assert.All(partition.Cores, c =>
        {
            Assert.InRange(c.Count, 1, hardware.Core.Neurons);
            Assert.InRange(c.SynapseBits, 0, hardware.Core.SynapseMemoryBits);
            Assert.InRange(c.InputAxons, 0, hardware.Core.InputAxons);
        });
        // Slices tile the population in order, one core each.
        Assert.Equal(Enumerable.Range(0, partition.CoreCount), partition.Cores.Select(c => c.Core));
        Assert.All(partition.Cores.Zip(partition.Cores.Skip(1)), p => Assert.Equal(p.First.End % 4000, p.Second.Start));
        var routing = Router.Route(network, partition, hardware, diagnostics);
        if (name == "truenorth-like")
        {
            // A TrueNorth neuron reaches one core; CUBA's reach dozens: the fan-out limit is reported per core.
            Assert.Null(routing);
            Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0711" && d.Message.Contains("destination cores for one neuron (fan-out)") &&
                d.Message.Contains("the target allows 1; relay neurons can pass its spikes on to them: map with --insert-relays to insert them"));
            // With relays, every core keeps the fan-out of 1 (RelayTests check the trees).
            diagnostics = new DiagnosticBag();
            routing = Router.Route(network, partition, hardware, diagnostics, insertRelays: true);
            Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
            Assert.All(routing!.Routes, r => Assert.Equal(1, r.MaxFanOut));
            Assert.Equal(partition.CoreCount + routing.Relays.Cores.Length, routing.Places.Length);
            return;
        }
        Assert.NotNull(routing);
        Assert.All(routing!.Routes, r => Assert.InRange(r.Destinations.Length, 1, hardware.Routing.TableEntries));
        // Every synapse's target core is in its source core's routing table.
        var coreOf = new int[4000];
        foreach (var slice in partition.Cores)
        {
            Array.Fill(coreOf, slice.Core, slice.Start, slice.Count);
        }
        foreach (var projection in network.Projections)
        {
            var synapses = projection.Synapses!;
            for (int s = 0; s + 1 < synapses.RowStart.Length; s += 97)
            {
                int source = projection.Source.Start + s;
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    Assert.Contains(coreOf[synapses.Targets[k]], routing.Routes[coreOf[source]].Destinations);
                }
            }
        }
        Assert.Equal(routing.Places.Length, routing.Places.Select(p => (p.Chip, p.X, p.Y)).Distinct().Count());
    }

    /// <summary>Spike generators In0, In1, ... onto four LIF neurons P, one projection each as given (name = source : weight).</summary>
    private static Network Fed(params (string Name, string Source, string Weight)[] projections)
    {
        var sources = projections.Select(p => p.Source).Distinct().Select(s => $"population {s} = SpikeGenerator[4] {{ times = 1 ms + i * 3 ms; period = 40 ms }}");
        var lines = projections.Select(p => $"projection {p.Name} = {p.Source} -> P : Add {{ connect all_to_all; w = {p.Weight} }}");
        return Models.Network($$"""
            model fed { dt = 1 ms; duration = 50 ms }
            neuron Lif {
              state v = 0 mV
              state x = 0 mV
              dv/dt = (x - v) / (10 ms)
              dx/dt = -x / (5 ms)
              method exact
              threshold v > 10 mV
              reset { v = 0 mV }
            }
            synapse Add {
              param w = 1 mV
              on_pre { x += w }
            }
            population P = Lif[4]
            {{string.Join("\n", sources)}}
            {{string.Join("\n", lines)}}
            """);
    }

    public static TheoryData<string, (string, string, string)[], string> AxonTypeProblems => new()
    {
        {
            "more projections than axon types", new[] { ("a", "In0", "0.1 mV"), ("b", "In1", "0.1 mV"), ("c", "In2", "0.1 mV") },
            "projection 'c' cannot run on 'truenorth-like': core 0 (P[0:4]) is fed by 3 projections (a, b, c), and it has 2 axon types; a binary-crossbar core gives each projection feeding it an axon type of its own, and every synapse the weight of its axon's type for its neuron"
        },
        {
            "weights that vary onto one neuron", new[] { ("a", "In0", "0.05 mV + 0.02 mV * i") },
            "projection 'a' cannot run on 'truenorth-like': neuron P[0] on core 0 (P[0:4]) has weights 28 and 40 (mantissas); on a binary crossbar a synapse's weight is that of its axon's type for its neuron, so every synapse of 'a' onto one neuron must have the same weight"
        },
        {
            "one source through two projections", new[] { ("a", "In0", "0.1 mV"), ("b", "In0", "0.2 mV") },
            "projection 'b' cannot run on 'truenorth-like': In0[0] reaches core 0 (P[0:4]) through projections 'a' and 'b'; an input axon of a binary crossbar has one type, and each projection feeding a core has a type of its own"
        },
    };

    [Theory]
    [MemberData(nameof(AxonTypeProblems))]
    public void ABinaryCrossbarCoreNeedsOneWeightPerAxonTypeAndNeuron(string why, (string, string, string)[] projections, string message)
    {
        // truenorth-like with 2 axon types per core (4 in the file).
        var text = File.ReadAllText(Repository.Path("targets", "truenorth-like.json")).Replace("\"axon_types\": 4", "\"axon_types\": 2");
        var target = TargetRegistry.Read(SourceText.From(text, "truenorth-like.json"), new DiagnosticBag())!;
        var diagnostics = new DiagnosticBag();
        Assert.Null(DigitalMapper.Map(Fed(projections), target, () => new Dictionary<int, double>(), new MappingOptions(), diagnostics));
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.True(error.CodeText == "NC0712", why);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void EachProjectionFeedingABinaryCrossbarCoreGetsAnAxonTypeWithItsWeightPerNeuron()
    {
        var network = Fed(("a", "In0", "0.1 mV"), ("b", "In1", "-0.2 mV"));
        var target = TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "truenorth-like.json")), "truenorth-like.json"), new DiagnosticBag())!;
        var diagnostics = new DiagnosticBag();
        var mapping = DigitalMapper.Map(network, target, () => new Dictionary<int, double>(), new MappingOptions(), diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        var core = Assert.Single(mapping.Axons);
        // In0's four neurons on type 0 (a), In1's on type 1 (b); each type's weight is the projection's mantissa for every neuron.
        Assert.Equal(new[] { 0, 0, 0, 0, 1, 1, 1, 1 }, core.Axons.Select(a => a.Type));
        Assert.Equal(Enumerable.Range(0, 4).Concat(Enumerable.Range(0, 4)), core.Axons.Select(a => a.SourceNeuron));
        Assert.Equal(new[] { 0, 1 }, core.Types.Select(t => t.Projection));
        for (int t = 0; t < 2; t++)
        {
            Assert.All(core.Types[t].Weights, w => Assert.Equal(mapping.Projections[t].Mantissas[0], w));
        }
        Assert.True(mapping.Projections[1].Mantissas[0] < 0);
    }

    [Fact]
    public void ASynapseMemoryTooSmallForAFullCoreSplitsThePopulation()
    {
        // CUBA's neurons have about 80 incoming synapses: 1024 of them need about 1.6 Mbit at 20 bits each.
        var network = Cuba();
        var partition = Partitioner.Partition(network, Target("loihi-like"), new DiagnosticBag())!;
        Assert.True(partition.CoreCount > 4);
        Assert.Contains(partition.Steps, s => s.Contains("halved"));
    }

    [Fact]
    public void ANeuronThatFitsNoCoreAndANetworkTooBigAreErrors()
    {
        var network = Cuba();
        // Many cores, each too small for one neuron's 80 synapses: the lower bound on cores passes, the neuron does not fit.
        var tiny = Target("loihi-like", t => t.Replace("\"synapse_memory_bits\": 1048576", "\"synapse_memory_bits\": 400")
            .Replace("\"cores_per_chip\": 128", "\"cores_per_chip\": 100000").Replace("\"x\": 8, \"y\": 16", "\"x\": 400, \"y\": 250"));
        var diagnostics = new DiagnosticBag();
        Assert.Null(Partitioner.Partition(network, tiny, diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0711" && d.Message.Contains("fits on no core of this target") &&
            d.Message.Contains("bits of synapse memory, and a core has 400"));
        var few = Target("loihi-like", t => t.Replace("\"cores_per_chip\": 128", "\"cores_per_chip\": 4").Replace("\"x\": 8, \"y\": 16", "\"x\": 2, \"y\": 2"));
        diagnostics = new DiagnosticBag();
        Assert.Null(Partitioner.Partition(network, few, diagnostics));
        // Found before any per-synapse work: 319,948 synapses of 20 bits need at least 7 cores of 1 Mbit.
        Assert.Contains(diagnostics.Items, d => d.Message.Contains("the network needs at least 7 cores") && d.Message.Contains("and the target has 4 (1 chip(s) of 4)"));
    }

    [Fact]
    public void CoresWithTooManyOutputAxonsArePartitionedSmallerAndTheReportSaysSo()
    {
        // On loihi-like CUBA's 8 cores use all 4,096 output axons; with 2,048 the slices must shrink.
        var target = TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "loihi-like.json"))
            .Replace("\"output_axons\": 4096", "\"output_axons\": 2048"), "half.json"), new DiagnosticBag())!;
        var diagnostics = new DiagnosticBag();
        var mapping = DigitalMapper.Map(Cuba(), target, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        Assert.True(mapping!.Partition.CoreCount > 8);
        Assert.All(mapping.Routing.Routes, r => Assert.InRange(r.OutputAxons, 0, 2048));
        Assert.Contains(mapping.Partition.Steps, s => s.StartsWith("population P: at most") && s.EndsWith("to keep each core's output axons within 2,048"));
        // Far too few output axons for any slice: the error is reported, not retried for ever.
        var starved = TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "loihi-like.json"))
            .Replace("\"output_axons\": 4096", "\"output_axons\": 4"), "starved.json"), new DiagnosticBag())!;
        diagnostics = new DiagnosticBag();
        Assert.Null(DigitalMapper.Map(Cuba(), starved, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0711" && d.Message.Contains("output axons"));
    }
}
