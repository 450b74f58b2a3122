using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>
/// The GPU kernels, run on ILGPU's CPU accelerator (the same kernels ILGPU would send to CUDA,
/// emulated: about a thousand times slower than plain C#, so the models are small), give the
/// reference interpreter's results to the bit.
/// </summary>
public sealed class CpuAcceleratorTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-gpu-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    private static Network Compile(string path, params string[] overrides)
    {
        var compilation = Models.CompileFile(path, overrides);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return Comparison.RecordingAllSpikes(compilation.Network!);
    }

    private void AssertIdentical(Network network, int expectedPopulations)
    {
        var reference = ReferenceInterpreter.Run(network);
        var run = GpuBackend.Run(network, DeviceKind.CpuAccelerator, cache: _cache);
        Assert.Equal("gpu", run.Result.Backend);
        Assert.Equal(expectedPopulations, run.CompiledPopulations);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 0, "the comparison saw spikes");
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void CubaIsBitIdentical(string precision) =>
        AssertIdentical(Compile(Repository.Path("samples", "cuba.neuro"), $"precision={precision}", "duration=30 ms"), 1);

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Repository.Path("samples"), "*.neuro").OrderBy(f => f))
        {
            data.Add(Path.GetFileName(file), "float32");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleIsBitIdentical(string sample, string precision)
    {
        // The big samples, shrunk, spike within 20 ms; the small ones need longer to show spikes.
        string duration = SampleSizes.For(sample).Count > 0 ? "duration=20 ms" : "duration=150 ms";
        var network = Compile(Repository.Path("samples", sample), SampleSizes.For(sample).Append($"precision={precision}").Append(duration).ToArray());
        AssertIdentical(network, network.Populations.Count(p => p.Model is { } m && (m.Integrator is not null || m.Threshold is not null)));
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void PerNeuronPropagatorsAndPositionsReachTheKernel(string precision)
    {
        // Time constants that differ per neuron give each neuron its own exact propagator (flattened
        // on the device); a drive that depends on position reads the positions.
        var compilation = Models.CompileText($$"""
            model hetero { dt = 0.1 ms; duration = 60 ms; seed = 3; precision = {{precision}} }
            neuron N {
              param tau = 10 ms
              param tau_s = 5 ms
              state v = 0 mV
              state s = 0 mV
              dv/dt = (s + 25 mV * (1 + x / 1 mm) - v) / tau
              ds/dt = -s / tau_s
              threshold v > 15 mV
              reset { v = 0 mV; s += 2 mV }
              refractory 2 ms
            }
            population P = N[64] { tau = 5 ms + i * 0.3 ms; layout = grid(8, 8, spacing = 0.1 mm) }
            record spikes P
            record P[0:4].v every 0.1 ms
            """);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var source = GpuBackend.Source(compilation.Network!);
        Assert.Contains("d.Flatten(a.Propagators!)", source);
        Assert.Contains("pos0.UploadAll();", source);
        AssertIdentical(Comparison.RecordingAllSpikes(compilation.Network!), 1);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void NoiseRungeKuttaAndPerNeuronRefractoryPeriodsRunOnTheKernels(string precision)
    {
        // Euler-Maruyama (normal variates from Philox and the quantile function on the device),
        // RK4 with a nonlinear term, and refractory periods that differ per neuron.
        var compilation = Models.CompileText($$"""
            model kinds { dt = 0.1 ms; duration = 80 ms; seed = 9; precision = {{precision}} }
            neuron Noisy {
              param tau = 10 ms
              param sigma = 6 mV
              param t_ref = 2 ms
              state v = 0 mV
              dv/dt = (14 mV - v) / tau + sigma * sqrt(2 / tau) * xi
              method euler_maruyama
              threshold v > 15 mV
              reset { v = 0 mV }
              refractory t_ref
            }
            neuron Quadratic {
              param tau = 8 ms
              state v = 0 mV
              dv/dt = (v * v / 20 mV + 18 mV - v) / tau
              method rk4
              threshold v > 30 mV
              reset { v = -5 mV }
            }
            population A = Noisy[40] { t_ref = 1 ms + i * 0.1 ms }
            population B = Quadratic[20] { tau = 6 ms + i * 0.2 ms }
            record spikes A, B
            record A[0:3].v every 0.1 ms
            """);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        AssertIdentical(Comparison.RecordingAllSpikes(compilation.Network!), 2);
    }
}
