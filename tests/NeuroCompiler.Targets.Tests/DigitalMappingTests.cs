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
                d.Message.Contains("the target allows 1"));
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
}
