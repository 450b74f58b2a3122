using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>
/// Heun's method gives the reference interpreter's results to the bit on the compiled CPU kernels and
/// on the GPU kernels (ILGPU's CPU accelerator): a nonlinear, time-dependent equation with a state
/// clamped while refractory, and per-neuron parameters.
/// </summary>
public sealed class HeunBackendTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-heun-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void HeunIsBitIdenticalOnEveryBackend(string precision)
    {
        var compilation = Models.CompileText($$"""
            model heun { dt = 0.1 ms; duration = 60 ms; seed = 4; precision = {{precision}} }
            neuron Quadratic {
              param tau = 8 ms
              state v = 0 mV
              state u = 0 mV
              dv/dt = (v * v / 20 mV + 18 mV - v - u) / tau + sin(t / (3 ms)) * 1 mV / tau
              du/dt = (0.2 * v - u) / (20 ms)
              method heun
              threshold v > 30 mV
              reset { v = -5 mV }
              refractory 1 ms
            }
            population P = Quadratic[24] { tau = 6 ms + i * 0.2 ms }
            record spikes P
            record P[0:4].v every 0.1 ms
            record P[0:4].u every 0.1 ms
            """);
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var network = Comparison.RecordingAllSpikes(compilation.Network!);
        Assert.Equal("heun", network.Populations[0].Model!.Integrator!.MethodName);
        var reference = ReferenceInterpreter.Run(network);
        var cpu = CpuBackend.Run(network, cache: _cache);
        var gpu = GpuBackend.Run(network, DeviceKind.CpuAccelerator, cache: _cache);
        foreach (var (result, compiled) in new[] { (cpu.Result, cpu.CompiledPopulations), (gpu.Result, gpu.CompiledPopulations) })
        {
            Assert.Equal(1, compiled);
            var report = Comparison.Compare(reference, result);
            Assert.True(report.Identical, $"{result.Backend}: first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
            Assert.True(report.SpikesCompared > 0, "the comparison saw spikes");
        }
    }
}
