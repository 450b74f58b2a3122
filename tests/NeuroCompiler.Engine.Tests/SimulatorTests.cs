using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Driver;
using NeuroCompiler.Gpu;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests;

/// <summary>
/// The public way to run a model: a compilation, a backend by name, a result or an error as a
/// diagnostic, on every backend (the gpu's kernels on ILGPU's CPU accelerator here; on CUDA where a GPU exists).
/// </summary>
public sealed class SimulatorTests : IDisposable
{
    private readonly KernelCache _cache = new(Directory.CreateTempSubdirectory("neuroc-engine-kernels-").FullName);

    public void Dispose() => Directory.Delete(_cache.Folder, recursive: true);

    private const string Model = """
        model small { dt = 0.1 ms; duration = 50 ms; seed = 3 }
        neuron N {
          param tau = 10 ms
          state v = uniform(0, 1)
          dv/dt = (1.5 - v) / tau
          threshold v > 1
          reset { v = 0 }
        }
        population P = N[20]
        record spikes P
        """;

    private static Compilation Compile(string text) => Compilation.FromText(Core.Text.SourceText.From(text, "small.neuro"));

    [Fact]
    public void TheBackendsAreFoundByName()
    {
        Assert.Equal(new[] { "reference", "cpu", "gpu" }, BackendRegistry.All.Select(b => b.Name));
        Assert.All(BackendRegistry.All, b => Assert.Same(b, BackendRegistry.Find(b.Name)));
        Assert.Null(BackendRegistry.Find("CPU"));
        Assert.Equal("cpu, gpu", BackendRegistry.Names(b => b.Compiled));
    }

    [Fact]
    public void EveryBackendGivesTheReferencesSpikesInSeconds()
    {
        var compilation = Compile(Model);
        var reference = Simulator.Create(compilation).Run();
        Assert.Null(reference.Error);
        var spikes = reference.Result!.SpikeTimes("P").ToList();
        Assert.True(spikes.Count > 20, $"{spikes.Count} spikes");
        var train = reference.Result.Spikes.Single();
        Assert.Equal(train.Steps.Select(s => s * reference.Result.Dt), spikes.Select(s => s.Time));
        Assert.Equal(train.Indices, spikes.Select(s => s.Neuron));
        Assert.Empty(reference.Result.SpikeTimes("Q"));

        var options = new RunOptions { Cache = _cache, Device = DeviceKind.CpuAccelerator };
        foreach (var backend in new[] { "cpu", "gpu" })
        {
            var run = Simulator.Create(compilation, backend).Run(options);
            Assert.Null(run.Error);
            Assert.Equal(backend, run.Result!.Backend);
            Assert.Equal(spikes, run.Result.SpikeTimes("P").ToList());
            Assert.Equal(1, run.CompiledPopulations);
        }
    }

    [Fact]
    public void AModelWithErrorsOrAnUnknownBackendIsRefusedWithTheReason()
    {
        var broken = Assert.Throws<ArgumentException>(() => Simulator.Create(Compile(Model.Replace("(1.5 - v)", "(1.5 - w)"))));
        Assert.Contains("NC0", broken.Message);
        Assert.Contains("'w'", broken.Message);
        var unknown = Assert.Throws<ArgumentException>(() => Simulator.Create(Compile(Model), "fpga"));
        Assert.Contains("no backend is called 'fpga'; there are reference, cpu, gpu", unknown.Message);
        var unbuilt = Compilation.FromText(Core.Text.SourceText.From(Model.Replace("record spikes P", "projection pp = P -> P : S { connect all_to_all }\nsynapse S { param w = 0.1\n on_pre { v += w } }"), "small.neuro"),
            new CompileOptions { InstantiateConnectivity = false });
        Assert.True(unbuilt.Success, DiagnosticFormatter.FormatAll(unbuilt.Diagnostics));
        Assert.Contains("synapses are not built", Assert.Throws<ArgumentException>(() => Simulator.Create(unbuilt)).Message);
    }

    [Fact]
    public void TooManySpikesAreAnErrorAtTheRecordingNotAnException()
    {
        var run = Simulator.Create(Compile(Model)).Run(new RunOptions { RecordedSpikeLimit = 3 });
        Assert.Null(run.Result);
        var error = Assert.IsType<Diagnostic>(run.Error);
        Assert.Equal(ErrorCode.RecordedSpikesExceedMemory, error.Code);
        Assert.StartsWith("small.neuro:10:", error.Location!.ToString());
    }

    [Fact]
    public void NoGpuIsAnErrorThatSaysHowToGoOn()
    {
        var run = Simulator.Create(Compile(Model), "gpu").Run(new RunOptions { Cache = _cache, Device = DeviceKind.Cuda });
        if (run.Error is { } error)
        {
            Assert.Equal(ErrorCode.NoDevice, error.Code);
            Assert.Contains("--device cpu-accelerator", error.Message);
        }
        else
        {
            // A machine with an NVIDIA GPU: the same spikes as the reference.
            Assert.Equal(Simulator.Create(Compile(Model)).Run().Result!.SpikeTimes("P"), run.Result!.SpikeTimes("P"));
        }
    }

    [Fact]
    public void FailuresEveryBackendCanMeetBecomeDiagnostics()
    {
        var network = Compile(Model).Network!;
        var estimate = IR.Memory.MemoryEstimate.Of(network, IR.Memory.ProcessFootprint.Interpreted);
        var options = new RunOptions { MemoryEstimate = estimate };
        var oom = RunErrors.Run(network, options, () => throw new OutOfMemoryException()).Error!;
        Assert.Equal(ErrorCode.OutOfMemory, oom.Code);
        Assert.StartsWith("the simulation ran out of memory (estimated ", oom.Message);
        var wrapped = RunErrors.Run(network, options, () => throw new AggregateException(new InvalidOperationException(), new OutOfMemoryException())).Error!;
        Assert.Equal(ErrorCode.OutOfMemory, wrapped.Code);
        var bug = RunErrors.Run(network, options, () => throw new GeneratedCodeException("Kernels.cs(3,1): error CS1002", "/tmp/x.cs"),
            e => e is GeneratedCodeException ? RunErrors.Internal(e.Message) : null).Error!;
        Assert.Equal(ErrorCode.InternalError, bug.Code);
        Assert.Equal("Kernels.cs(3,1): error CS1002", bug.Message);
        // Anything else is a bug of the caller's kind, not a run's failure: it propagates.
        Assert.Throws<InvalidOperationException>(() => RunErrors.Run(network, options, () => throw new InvalidOperationException()));
    }
}
