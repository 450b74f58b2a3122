using System.Text.Json;
using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Gpu.Tests;

/// <summary>
/// A value that becomes NaN or infinite stops the run at the same step, on the same neuron or synapse
/// and variable, on every backend and thread count (docs/semantics.md, "Values that are not finite"):
/// the reference, the cpu backend on one and two threads (two shares of a 200-neuron population), and
/// the GPU kernels on ILGPU's CPU accelerator (the device step, and updates on the device with
/// delivery on the host). The results of the steps before are kept, and summary.json says why.
/// </summary>
public sealed class NonFiniteTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-nonfinite-kernels-").FullName);
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-nonfinite-").FullName;

    public void Dispose()
    {
        Directory.Delete(_cache.Folder, recursive: true);
        Directory.Delete(_folder, recursive: true);
    }

    private const string Neuron = """
        neuron N {
          param tau = 10 ms
          state v = 0
          state ge = 0
          dv/dt = (ge - v) / tau
          dge/dt = -ge / tau
          method exact
        }
        """;

    /// <summary>The failure every backend must report: at which step, what, which value, found where.</summary>
    private sealed record Expected(long Step, string Variable, string Value, string Origin, string? Detail = null)
    {
        public RunFailure At(double dt) => new(Step, Step * dt, Variable, Value, Origin, Detail);
    }

    /// <summary>Each case: its model and the failure every backend must report.</summary>
    private static readonly Dictionary<string, (string Model, Expected Expected)> Cases = new()
    {
        // x falls below 0 first for neuron 130 (the second share on two threads), then for neuron 7.
        ["log of a negative"] = ("""
            model lognegative { dt = 0.1 ms; duration = 20 ms; seed = 1 }
            neuron L {
              param tau = 10 ms
              state v = 0
              state x = 1
              dv/dt = (log(x) - v) / tau
              dx/dt = -2 / tau
              method euler
            }
            population P = L[200] { x = where(i == 130, 1.01, 1.03 + abs(i - 7) * 0.1) }
            record P[0:3].v every 0.1 ms
            """, new Expected(51, "P[130].v", "NaN", RunFailure.Update)),
        // Neurons 20 and 150 (one in each share) overflow at the same step: the lower one is named.
        ["an overflowing equation"] = ("""
            model overflow { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            neuron Q {
              param tau = 1 ms
              param drive = 2
              state v = 1
              dv/dt = (v * v - v + drive) / tau
              method euler
            }
            population G = SpikeGenerator[2] { indices = [0, 1, 0]; times = [0.1 ms, 0.2 ms, 5 ms] }
            population P = Q[200] { drive = where((i == 20) or (i == 150), 200, 0.5) }
            record spikes G
            record rate G every 0.5 ms
            record P[0:3].v every 0.1 ms
            """, new Expected(10, "P[20].v", "+Inf", RunFailure.Update)),
        ["a NaN per-synapse weight"] = ($$"""
            model nanweight { dt = 0.1 ms; duration = 5 ms; seed = 1 }
            {{Neuron}}
            synapse S {
              param w = 0.1
              on_pre { ge += w }
            }
            population G = SpikeGenerator[2] { indices = [0, 1]; times = [1 ms, 2 ms] }
            population P = N[10]
            projection gp = G -> P : S { connect all_to_all; w = where(i == 1, log(j - 4.5), 0.1) }
            record spikes G
            """, new Expected(0, "gp.w[10]", "NaN", RunFailure.InitialValue, "synapse from G[1] to P[0]")),
        // The first delivery writes log(0) into synapse 0's weight.
        ["a weight a handler makes infinite"] = ($$"""
            model nanlearning { dt = 0.1 ms; duration = 5 ms; seed = 1 }
            {{Neuron}}
            synapse S {
              state w = 0.1
              on_pre { ge += w; w = log(w - 0.1 * (1 + j / 20)) }
            }
            population G = SpikeGenerator[2] { indices = [0, 1]; times = [1 ms, 2 ms] }
            population P = N[10]
            projection gp = G -> P : S { connect all_to_all }
            record spikes G
            record P[0:3].ge every 0.1 ms
            """, new Expected(11, "gp.w[0]", "-Inf", "on_pre", "synapse from G[0] to P[0]")),
        // The rule runs at steps 0 and 10; at 10 it takes the log of the negative weights of step 0.
        ["a weight a clock rule makes NaN"] = ($$"""
            model nanclock { dt = 0.1 ms; duration = 5 ms; seed = 1 }
            {{Neuron}}
            synapse C {
              state w = 0.1
              on_pre { ge += w }
              every 1 ms { w = log(w - 0.01 * j) }
            }
            population G = SpikeGenerator[1] { indices = [0]; times = [0.5 ms] }
            population P = N[10]
            projection gp = G -> P : C { connect all_to_all }
            record spikes G
            """, new Expected(10, "gp.w[0]", "NaN", "clock rule", "synapse from G[0] to P[0]")),
        // log(0) and log of negatives delivered at step 11 reach the states in step 12's update.
        ["a value delivered that is not finite"] = ($$"""
            model nandelivered { dt = 0.1 ms; duration = 5 ms; seed = 1 }
            {{Neuron}}
            synapse Log {
              state w = 0.1
              on_pre { ge += log(w - 0.05 * j); w += 0 }
            }
            population G = SpikeGenerator[1] { indices = [0]; times = [1 ms] }
            population P = N[10]
            projection gp = G -> P : Log { connect all_to_all }
            record spikes G
            """, new Expected(12, "P[2].v", "-Inf", RunFailure.Update)),
        // Neurons 0-9 spike at step 40 and are refractory (v held) when log(0) and worse arrive at
        // step 46: neuron 2's v stays, its ge is -Inf after step 47's update (the vector kernels'
        // refractory lanes, redone after the bulk update).
        ["a refractory neuron's value"] = ("""
            model nanrefractory { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            neuron M {
              param tau = 10 ms
              param I = 0
              state v = 0
              state ge = 0
              dv/dt = (ge + I - v) / tau
              dge/dt = -ge / tau
              method exact
              threshold v > 1
              reset { v = 0 }
              refractory 2 ms
            }
            synapse Log {
              state w = 0.1
              on_pre { ge += log(w - 0.05 * j); w += 0 }
            }
            population G = SpikeGenerator[1] { indices = [0]; times = [4.5 ms] }
            population P = M[20] { I = where(i < 10, 3, 0) }
            projection gp = G -> P : Log { connect all_to_all }
            record spikes P
            """, new Expected(47, "P[2].ge", "-Inf", RunFailure.Update)),
        // Conductance-based, exponential Euler: an infinite ge makes v's A -Inf and v itself 0, so
        // the kernels see it through A (FiniteWitnesses), not through v. Neuron 2 is refractory
        // (spiked at 8.1 ms) when the infinity arrives at 10 ms; neuron 15 is not.
        ["an infinite conductance in a refractory neuron"] = (InfiniteConductance(2), new Expected(102, "P[2].ge", "+Inf", RunFailure.Update)),
        ["an infinite conductance"] = (InfiniteConductance(15), new Expected(102, "P[15].ge", "+Inf", RunFailure.Update)),
        // Neurons 0-9 spike at step 0; only neuron 9 gets -Inf, delivered at step 11 while refractory (v held, so
        // v's new value does not show it): a vector lane on one thread, the scalar tail of the first
        // share on two, the device kernel.
        ["an infinite input to a refractory neuron (exact)"] = ("""
            model infrefractory { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            neuron M {
              param tau = 10 ms
              state v = where(i < 10, 2, 0)
              state ge = 0
              dv/dt = (ge - v) / tau
              dge/dt = -ge / tau
              method exact
              threshold v > 1
              reset { v = 0 }
              refractory 2 ms
            }
            synapse Log {
              state w = 0.1
              on_pre { ge += where(j == 9, log(w - 0.1), w); w += 0 }
            }
            population G = SpikeGenerator[1] { indices = [0]; times = [1 ms] }
            population P = M[20]
            projection gp = G -> P : Log { connect all_to_all }
            record spikes P
            """, new Expected(12, "P[9].ge", "-Inf", RunFailure.Update)),
        ["a random initial value"] = ("""
            model naninit { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            neuron R {
              param tau = 10 ms
              state v = log(uniform(-1, 1))
              dv/dt = -v / tau
              method exact
            }
            population P = R[10]
            record P[0:3].v every 0.1 ms
            """, new Expected(0, "P[1].v", "NaN", RunFailure.InitialValue)),
        ["a per-neuron parameter"] = ("""
            model nanparameter { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            neuron R {
              param tau = 10 ms
              state v = 1
              dv/dt = -v / tau
            }
            population P = R[10] { tau = log(i - 3.5) * 1 ms }
            record P[0:3].v every 0.1 ms
            """, new Expected(0, "P[0].tau", "NaN", RunFailure.InitialValue)),
        ["a signal that diverges"] = ("""
            model signaldiverges { dt = 0.1 ms; duration = 10 ms; seed = 1 }
            signals {
              state s = 1
              ds/dt = s * s / (1 ms)
            }
            neuron F {
              state v = 0
              dv/dt = (s - v) / (10 ms)
            }
            population P = F[10]
            record s every 0.1 ms
            """, new Expected(12, "s", "+Inf", RunFailure.Update)),
    };

    private static string InfiniteConductance(int target) => $$"""
        model infconductance { dt = 0.1 ms; duration = 20 ms; seed = 1 }
        neuron C {
          param gl = 10 nS
          param El = -60 mV
          param Ee = 0 mV
          param Cm = 200 pF
          param I = 0 pA
          state v = -60 mV
          state ge = 0 nS
          dv/dt = (gl * (El - v) + ge * (Ee - v) + I) / Cm
          dge/dt = -ge / (5 ms)
          method exponential_euler
          threshold v > -50 mV
          reset { v = -60 mV }
          refractory 5 ms
        }
        synapse Inf {
          state w = 1
          on_pre { ge += where(j == {{target}}, -log(w - 1), w) * 1 nS; w += 0 }
        }
        population G = SpikeGenerator[1] { indices = [0]; times = [10 ms] }
        population P = C[20] { I = where(i < 10, 300 pA, 0 pA) }
        projection gp = G -> P : Inf { connect all_to_all }
        record spikes P
        """;

    public static TheoryData<string, string> CasesOnEveryBackend()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            foreach (var backend in new[] { "reference", "cpu, 1 thread", "cpu, 2 threads", "gpu on the cpu accelerator" })
            {
                data.Add(name, backend);
            }
        }
        return data;
    }

    private SimulationResult Run(string backend, Network network) => backend switch
    {
        "reference" => ReferenceInterpreter.Run(network),
        "cpu, 1 thread" => CpuBackend.Run(network, new HostOptions { Workers = 1 }, _cache).Result,
        "cpu, 2 threads" => CpuBackend.Run(network, new HostOptions { Workers = 2 }, _cache).Result,
        _ => GpuBackend.Run(network, DeviceKind.CpuAccelerator, cache: _cache).Result,
    };

    [Theory]
    [MemberData(nameof(CasesOnEveryBackend))]
    public void StopsAtTheSameValueOnEveryBackend(string name, string backend)
    {
        var (model, at) = Cases[name];
        var network = Comparison.RecordingAllSpikes(Models.Network(model));
        var result = Run(backend, network);

        var expected = at.At(network.Settings.Dt);
        Assert.Equal(expected, result.Failure);
        long step = expected.Step;
        Assert.Equal(step, result.Steps);

        // Kept: what was recorded before the step, nothing from it on.
        Assert.All(result.Spikes.SelectMany(s => s.Steps), s => Assert.True(s < step, $"a spike of step {s}"));
        foreach (var trace in result.Traces)
        {
            Assert.Equal(Enumerable.Range(0, (int)step).Select(s => (long)s), trace.Steps);
            Assert.All(trace.Values.SelectMany(v => v), v => Assert.True(double.IsFinite(v)));
        }
        Assert.All(result.Rates, rate => Assert.Equal((int)(step / rate.BinSteps), rate.Rates.Length));
        // The backend's results before the step are the reference's, bit for bit.
        var report = Comparison.Compare(ReferenceInterpreter.Run(network), result);
        Assert.True(report.Identical, report.First?.What);

        string folder = Path.Combine(_folder, $"{name}-{backend}".Replace(' ', '-').Replace(',', '-'));
        ResultWriter.Write(result, new RunInfo(TimeSpan.Zero, "test"), folder);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(step, root.GetProperty("steps").GetInt64());
        var failure = root.GetProperty("failure");
        Assert.Equal(expected.Variable, failure.GetProperty("variable").GetString());
        Assert.Equal(expected.Value, failure.GetProperty("value").GetString());
        Assert.Equal(expected.Origin, failure.GetProperty("origin").GetString());
        Assert.Equal(step, failure.GetProperty("step").GetInt64());
        Assert.Equal(expected.Message, failure.GetProperty("message").GetString());
    }

    [Fact]
    public void KeepsTheSpikesAndRatesBeforeTheStep()
    {
        var network = Models.Network(Cases["an overflowing equation"].Model);
        var result = ReferenceInterpreter.Run(network);
        var spikes = Assert.Single(result.Spikes);
        Assert.Equal(new long[] { 1, 2 }, spikes.Steps);       // the spike at 5 ms (step 50) is after the failure
        Assert.Equal(new[] { 0, 1 }, spikes.Indices);
        var rate = Assert.Single(result.Rates);
        Assert.Equal(2, rate.Rates.Length);                  // bins of 5 steps: 0-4 and 5-9
        Assert.Equal(new[] { 2 / (2 * 5e-4), 0 }, rate.Rates);
        var generator = result.Populations.Single(p => p.Name == "G");
        Assert.Equal(2, generator.Spikes);
        Assert.Equal(2 / (2 * 10e-4), generator.MeanRate, 9);  // over the 10 steps simulated
    }

    [Fact]
    public void AModelThatStaysFiniteRunsToTheEnd()
    {
        var network = Models.Network(Cases["log of a negative"].Model, "duration=5 ms");
        var result = ReferenceInterpreter.Run(network);
        Assert.Null(result.Failure);
        Assert.Equal(network.Settings.Steps, result.Steps);
    }
}
