using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>The CPU backend gives the reference interpreter's results, to the bit.</summary>
public sealed class CpuBackendTests : IDisposable
{
    private readonly NeuroCompiler.CodeGen.Compile.KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-kernels-").FullName);

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
        overrides.AddRange(SampleSizes.For(sample));
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

    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void OneAndTwoWorkersGiveTheSameSpikes(string precision)
    {
        // Brunel with every phase in the workers' region: kernels, delivery, Poisson input.
        var network = Comparison.RecordingAllSpikes(Compile(Repository.Path("samples", "brunel2000.neuro"),
            $"precision={precision}", "duration=100 ms", "N_E=2000", "J=0.5 mV"));
        var one = CpuBackend.Run(network, new HostOptions { Workers = 1 }, _cache).Result;
        var two = CpuBackend.Run(network, new HostOptions { Workers = 2 }, _cache).Result;
        var report = Comparison.Compare(one, two);
        Assert.True(report.Identical, $"step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 1000);
        Assert.Equal(one.SynapticEvents, two.SynapticEvents);
    }

    [Theory]
    [InlineData("brunel2000.neuro", "float64", 2)]
    [InlineData("brunel2000.neuro", "float32", 2)]
    [InlineData("microcircuit.neuro", "float32", 8)] // per-synapse delays: the workers take over worker 0's delay cursors
    public void KernelsThatArriveDuringTheRunTakeOverWithTheSameResults(string sample, string precision, int populations)
    {
        // The kernels become ready after step 300 (held back until then): steps 0-300 are
        // interpreted, the rest compiled, on two workers; the spikes are the reference's.
        var network = Comparison.RecordingAllSpikes(Compile(Repository.Path("samples", sample),
            SampleSizes.For(sample).Append($"precision={precision}").Append("duration=150 ms").ToArray()));
        var reference = ReferenceInterpreter.Run(network);
        var compiled = NeuroCompiler.CodeGen.Compile.KernelCompiler.Compile(CpuBackend.Source(network), "deferred", _cache);
        var gate = new TaskCompletionSource<NeuroCompiler.CodeGen.Compile.CompiledKernels>();
        var options = new HostOptions { Workers = 2, Progress = (n, _) => { if (n >= 300) gate.TrySetResult(compiled); } };
        (NeuroCompiler.Output.SimulationResult Result, long? From, int Bound) run;
        if (precision == "float32")
        {
            var kernels = new DeferredKernels<float>(gate.Task, CpuBackend.Name);
            run = (SimulationHost.Run(network, options, kernels), kernels.FromStep, kernels.BoundPopulations);
        }
        else
        {
            var kernels = new DeferredKernels<double>(gate.Task, CpuBackend.Name);
            run = (SimulationHost.Run(network, options, kernels), kernels.FromStep, kernels.BoundPopulations);
        }
        Assert.Equal(301, run.From);
        Assert.Equal(populations, run.Bound);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 1000);
    }

    [Fact]
    public void ARunWithAColdCacheCompilesInTheBackgroundAndTheNextRunFindsTheKernels()
    {
        var network = Comparison.RecordingAllSpikes(Compile(Repository.Path("samples", "cuba.neuro"), "duration=300 ms"));
        var reference = ReferenceInterpreter.Run(network);
        var first = CpuBackend.Run(network, cache: _cache, compileInBackground: true);
        Assert.False(first.Kernels.FromCache);
        Assert.NotEqual(0, first.KernelsFromStep); // later than step 0, or never in so short a run
        Assert.True(Comparison.Compare(reference, first.Result).Identical);
        var second = CpuBackend.Run(network, cache: _cache, compileInBackground: true);
        Assert.True(second.Kernels.FromCache);
        Assert.Equal(0, second.KernelsFromStep);
        Assert.Equal(1, second.CompiledPopulations);
        Assert.True(Comparison.Compare(reference, second.Result).Identical);
    }

    [Fact]
    public void ASecondCompileOfTheSameModelComesFromTheCacheAndAChangedModelDoesNot()
    {
        var network = Compile(Repository.Path("samples", "cuba.neuro"), "duration=5 ms");
        var first = CpuBackend.Run(network, cache: _cache).Kernels;
        var second = CpuBackend.Run(network, cache: _cache).Kernels;
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Key, second.Key);
        Assert.Single(Directory.GetFiles(_cache.Folder, "*" + NeuroCompiler.CodeGen.Compile.KernelCache.Extension));
        var changed = CpuBackend.Run(Compile(Repository.Path("samples", "cuba.neuro"), "duration=5 ms", "precision=float64"), cache: _cache).Kernels;
        Assert.False(changed.FromCache);
        Assert.NotEqual(first.Key, changed.Key);
    }

    [Fact]
    public void GeneratedCodeThatDoesNotCompileIsReportedAsABugWithTheFile()
    {
        var error = Assert.Throws<NeuroCompiler.CodeGen.Compile.GeneratedCodeException>(() =>
            NeuroCompiler.CodeGen.Compile.KernelCompiler.Compile("namespace NeuroCompiler.Generated { public static class Kernels { int x = ; } }", "broken", _cache));
        Assert.Contains("does not compile, which is a bug in neuroc", error.Message);
        Assert.True(File.Exists(error.SourcePath));
        File.Delete(error.SourcePath);
    }

    [Fact]
    public void TheGeneratedSourceIsReadableAndVectorisedWhereItCanBe()
    {
        var source = CpuBackend.Source(Compile(Repository.Path("samples", "cuba.neuro")));
        Assert.Contains("// population P: CubaLIF, 4000 neurons, exact", source);
        Assert.Contains("Vector<float>", source);
        Assert.Contains("n0 = ((((0f + (0.99501246f * x0))", source);
        Assert.DoesNotContain("Math.FusedMultiplyAdd", source);
        var coba = CpuBackend.Source(Compile(Repository.Path("samples", "coba.neuro")));
        Assert.Contains("DetMath.Exp((l0 * new Vector<double>", coba); // exponential Euler, exp of a vector
        Assert.Contains("DetMath.Negate(l2)", coba);
        var izhikevich = CpuBackend.Source(Compile(Repository.Path("samples", "izhikevich_types.neuro")));
        // Euler of a nonlinear system: its lowered update is plain arithmetic, so it has a vector form too
        // (the samples' bit-identity with the reference is checked above).
        Assert.Contains("var n0 = (x0 + (new Vector<double>(0.0001) * l0));", izhikevich);
    }
}
