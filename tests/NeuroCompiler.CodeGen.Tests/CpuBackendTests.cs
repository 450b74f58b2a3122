using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>The CPU backend gives the reference interpreter's results, to the bit.</summary>
public sealed class CpuBackendTests : IDisposable
{
    private readonly Compile.KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    private ComparisonReport Verify(Network network)
    {
        network = Comparison.RecordingAllSpikes(network);
        var reference = ReferenceInterpreter.Run(network);
        var run = CpuBackend.Run(network, cache: _cache);
        Assert.Equal("cpu", run.Result.Backend);
        int expected = network.Populations.Count(p => p.Model is { } m && (m.Integrator is not null || m.Threshold is not null));
        Assert.Equal(expected, run.CompiledPopulations);
        return Comparison.Compare(reference, run.Result);
    }

    private static Network Compile(string path, params string[] overrides)
    {
        var compilation = Models.CompileFile(path, overrides);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return compilation.Network!;
    }

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Repository.Path("samples"), "*.neuro").OrderBy(f => f))
        {
            data.Add(Path.GetFileName(file), "float64");
            data.Add(Path.GetFileName(file), "float32");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleIsBitIdenticalToTheReference(string sample, string precision)
    {
        var overrides = new List<string> { $"precision={precision}", "duration=150 ms" };
        if (sample == "brunel2000.neuro")
        {
            overrides.AddRange(new[] { "N_E=2000", "J=0.5 mV" });
        }
        var report = Verify(Compile(Repository.Path("samples", sample), overrides.ToArray()));
        Assert.True(report.Identical, $"{sample} ({precision}) first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 0, "the comparison saw spikes");
    }

    [Fact]
    public void TheGoldenModelIsBitIdenticalInBothPrecisions()
    {
        foreach (var precision in new[] { "float64", "float32" })
        {
            var report = Verify(Compile(Repository.Path("tests", "NeuroCompiler.EndToEnd.Tests", "Golden", "network.neuro"), $"precision={precision}"));
            Assert.True(report.Identical, $"{precision}: step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        }
    }
}
