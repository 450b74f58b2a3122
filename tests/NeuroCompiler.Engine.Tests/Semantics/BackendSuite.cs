using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Gpu;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests.Semantics;

/// <summary>
/// A suite written once and run on every backend, as ILGPU instantiates its test suites per
/// accelerator: a concrete class per suite and backend (Suites.cs) says how to run. Each run's
/// results must be what the test expects and, on a backend other than the reference, the
/// reference's bit for bit.
/// </summary>
public abstract class BackendSuite(SuiteBackend backend)
{
    /// <summary>Kernels compiled once per test run, whichever suite asks first.</summary>
    private static readonly Lazy<KernelCache> Cache = new(() =>
    {
        string folder = Directory.CreateTempSubdirectory("neuroc-suite-kernels-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return new KernelCache(folder);
    });

    /// <summary>Whether the backend is emulated (slowly): <see cref="BackendFactAttribute.Heavy"/> facts are skipped.</summary>
    public bool Emulated => backend.Emulated;

    /// <summary>Why this suite's backend cannot run here (its tests are then skipped with this reason), or null.</summary>
    public string? Unavailable => backend.Unavailable?.Invoke();

    /// <summary>The model run on this suite's backend; what it records checked against the reference's.</summary>
    protected SimulationResult Run(string text, params string[] overrides) => Run(Models.Network(text, overrides));

    /// <inheritdoc cref="Run(string, string[])"/>
    protected SimulationResult Run(IR.Network network)
    {
        var result = RunToFailure(network);
        Assert.True(result.Failure is null, $"the run stopped: {result.Failure?.Message}");
        return result;
    }

    /// <summary>As <see cref="Run(IR.Network)"/>, for a run that may stop at a value that is not finite (<see cref="SimulationResult.Failure"/>).</summary>
    protected SimulationResult RunToFailure(IR.Network network)
    {
        var run = BackendRegistry.Find(backend.Name)!.Run(network, backend.Options with { Cache = Cache.Value });
        Assert.True(run.Error is null, run.Error?.ToString());
        var result = run.Result!;
        if (backend.Name != Host.ReferenceInterpreter.BackendName)
        {
            var report = Comparison.Compare(Host.ReferenceInterpreter.Run(network), result);
            Assert.True(report.Identical, $"{backend.Name} differs from the reference: {report.First?.What}");
        }
        return result;
    }

    /// <summary>For a suite on CUDA: null where a GPU answers, else why not.</summary>
    public static string? NoCuda()
    {
        try
        {
            using var session = DeviceSession.Open(DeviceKind.Cuda);
            return null;
        }
        catch (NoGpuException e)
        {
            return $"not run: {e.Message}";
        }
    }
}
