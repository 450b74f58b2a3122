using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>A topographic network connected by <c>gaussian(...)</c> runs on the cpu backend with the reference's results, to the bit.</summary>
public sealed class GaussianRuleBackendTests : IDisposable
{
    private readonly NeuroCompiler.CodeGen.Compile.KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void ATopographicNetworkIsBitIdenticalCompiled(string precision)
    {
        var compilation = Models.CompileText($$"""
            import "std/neurons"
            import "std/synapses"
            model topographic { dt = 0.1 ms; duration = 200 ms; seed = 11; precision = {{precision}} }
            population E = LIF[400] { layout = grid(20, 20, spacing = 25 um) }
            population I = LIF[100] { layout = grid(10, 10, spacing = 50 um) }
            stimulus drive = poisson_input(50, 12 Hz, 1.5 mV) -> E.v
            projection ee = E -> E : Jump { connect gaussian(p_max = 0.4, sigma = 60 um, cutoff = 180 um); w = 0.3 mV; autapses = false }
            projection ei = E -> I : Jump { connect gaussian(0.6, 80 um, 200 um); w = 3 mV; delay = uniform(1 ms, 2 ms) }
            projection ie = I -> E : Jump { connect gaussian(sigma = 100 um); w = -1 mV }
            """);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var network = Comparison.RecordingAllSpikes(compilation.Network!);
        Assert.All(network.Projections, p => Assert.True(p.Synapses!.Count > 500, $"{p.Name} has {p.Synapses.Count} synapses"));
        var reference = ReferenceInterpreter.Run(network);
        var run = CpuBackend.Run(network, cache: _cache);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 100, $"the comparison saw {report.SpikesCompared} spikes");
    }
}
