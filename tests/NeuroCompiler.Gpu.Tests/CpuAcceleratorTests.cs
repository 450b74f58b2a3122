using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
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

    private static Network Compile(string path, params string[] overrides) => Checked(Models.CompileFile(path, overrides));

    /// <summary>A model written in the test, compiled (it must be valid), recording every spike.</summary>
    private static Network CompileModel(string text) => Checked(Models.CompileText(text));

    private static Network Checked(Driver.Compilation compilation)
    {
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        return Comparison.RecordingAllSpikes(compilation.Network!);
    }

    /// <param name="deviceStep">Whether the whole step should run on the device (every handler is post.x += w).</param>
    private void AssertIdentical(Network network, int expectedPopulations, bool deviceStep = true)
    {
        var reference = ReferenceInterpreter.Run(network);
        var run = GpuBackend.Run(network, DeviceKind.CpuAccelerator, cache: _cache);
        Assert.Equal("gpu", run.Result.Backend);
        Assert.Equal(expectedPopulations, run.CompiledPopulations);
        Assert.Equal(deviceStep, run.Resident);
        var report = Comparison.Compare(reference, run.Result);
        Assert.True(report.Identical, $"first differs at step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
        Assert.True(report.SpikesCompared > 0, "the comparison saw spikes");
        Assert.Equal(reference.SynapticEvents, run.Result.SynapticEvents);
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
        // Samples that learn deliver on the host (their handlers write synapse variables); the others run whole on the device.
        bool learns = network.Projections.Any(p => p.Synapse.IsPlastic);
        AssertIdentical(network, network.Populations.Count(p => p.Model is { } m && (m.Integrator is not null || m.Threshold is not null)), deviceStep: !learns);
    }

    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in PlasticityModels.StandardRules)
        {
            data.Add(rule);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryStandardRuleIsBitIdenticalWithUpdatesOnTheDevice(string rule) =>
        AssertIdentical(CompileModel(PlasticityModels.Network(rule, "float32", "150 ms")), 2, deviceStep: false);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void AHandlerThatTouchesMoreThanThePostsynapticNeuronIsDeliveredOnTheHost(string precision)
    {
        // A saturating handler (reads the target's state) runs on the device's gather; one that
        // also counts in a synapse state cannot (two targets' threads would share nothing, but the
        // count belongs to the synapse) and keeps delivery on the host, around the device's updates.
        string Model(string handler) => $$"""
            model handlers { dt = 0.1 ms; duration = 60 ms; seed = 4; precision = {{precision}} }
            neuron N {
              param tau = 10 ms
              param s_max = 8 mV
              state v = 0 mV
              state s = 0 mV
              dv/dt = (18 mV + s - v) / tau
              ds/dt = -s / (5 ms)
              threshold v > 15 mV
              reset { v = 0 mV }
              refractory 2 ms
            }
            synapse Sat {
              param w = 1 mV
              state n = 0
              on_pre { {{handler}} }
            }
            population P = N[50] { v = i * 0.3 mV }
            projection pp = P -> P : Sat { connect fixed_probability(0.3); w = uniform(0.2 mV, 1 mV); delay = uniform(0.5 ms, 2 ms) }
            record spikes P
            record P[0:3].s every 0.1 ms
            """;
        foreach (var (handler, deviceStep) in new[] { ("s += w * (1 - s / s_max)", true), ("s += w * (1 - s / s_max); n += 1", false) })
        {
            var network = CompileModel(Model(handler));
            Assert.Equal(deviceStep, PostLocalHandler.Is(network.Projections[0].Synapse));
            AssertIdentical(network, 1, deviceStep);
        }
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void TheDeviceStepFollowsTheProtocolCurrentsGeneratorsAndDelays(string precision)
    {
        // Everything the host changes while the step stays on the device: Poisson rates (inversion,
        // then the normal approximation), silencing, kicks, a parameter set for a while, an injected
        // current; a spike generator's spikes sent up; per-synapse delays, multapses, a shared and a
        // per-synapse weight, per-neuron refractory periods; traces pulled back when sampled, and
        // the states pulled before the host's arrays go back up when only a current changed.
        var network = CompileModel($$"""
            model everything { dt = 0.1 ms; duration = 120 ms; seed = 5; precision = {{precision}} }
            import "std/neurons"
            import "std/synapses"
            param nu = 0 Hz
            population E = LIF[60] { I = 300 pA + i * 4 pA }
            population I = LIF[20] { I = 250 pA; t_ref = 1 ms + i * 0.1 ms }
            population G = SpikeGenerator[3] { indices = [0, 1, 2, 0]; times = [5 ms, 5 ms, 12 ms, 30 ms] }
            projection ee = E -> E : CurrentExc { connect probability(0.2); w = uniform(20 pA, 80 pA); delay = uniform(0.5 ms, 3 ms) }
            projection ie = I -> E : CurrentInh { connect fixed_indegree(8); w = -60 pA; multapses = true }
            projection ei = E[0:30] -> I[5:20] : CurrentExc { connect fixed_indegree(10); w = 50 pA; delay = 1 ms }
            projection ge = G -> E : CurrentExc { connect all_to_all; w = 400 pA; delay = (1 + i) * 0.5 ms }
            stimulus bg = poisson_input(n = 2000, rate = nu, weight = 15 pA) -> E.Ie
            stimulus pulse = step(start = 40 ms, stop = 60 ms, amplitude = 200 pA) -> I.I
            protocol {
              at 20 ms set bg.rate = 4 Hz
              at 50 ms silence E[0:10] for 20 ms
              at 70 ms E[10:20].v += 5 mV
              at 80 ms set E.I = 0 pA for 10 ms
              at 95 ms set bg.rate = 400 Hz
            }
            record spikes E, I, G
            record E[0:5].v every 7 ms
            record I[0:3].Ie every 1.3 ms
            """);
        // The traces are sampled at steps where neither the protocol nor the current changes
        // anything (400 and 600 are the current's), so the device's states are not pulled there.
        AssertIdentical(network, 2);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void PerNeuronPropagatorsAndPositionsReachTheKernel(string precision)
    {
        // Time constants that differ per neuron give each neuron its own exact propagator (flattened
        // on the device); a drive that depends on position reads the positions.
        var network = CompileModel($$"""
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
        var source = GpuBackend.Source(network);
        Assert.Contains("d.Flatten(a.Propagators!)", source);
        Assert.Contains("pos0.UploadAll();", source);
        AssertIdentical(network, 1);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void NoiseRungeKuttaAndPerNeuronRefractoryPeriodsRunOnTheKernels(string precision)
    {
        // Euler-Maruyama (normal variates from Philox and the quantile function on the device),
        // RK4 with a nonlinear term, and refractory periods that differ per neuron.
        var network = CompileModel($$"""
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
        AssertIdentical(network, 2);
    }
}
