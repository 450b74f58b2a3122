using NeuroCompiler.Gpu;

namespace NeuroCompiler.Engine.Tests.Semantics;

// The backends every suite runs on: the reference, the cpu backend on one and on two threads, the gpu
// backend's kernels on ILGPU's CPU accelerator, and on CUDA where an NVIDIA GPU exists (skipped, with
// the reason, elsewhere). Then one class per suite and backend.

/// <summary>A backend as a suite runs it.</summary>
public sealed record SuiteBackend(string Name, RunOptions Options, bool Emulated = false, Func<string?>? Unavailable = null)
{
    public static readonly SuiteBackend Reference = new("reference", new RunOptions());
    public static readonly SuiteBackend Cpu = new("cpu", new RunOptions { Workers = 1 });
    public static readonly SuiteBackend CpuTwoThreads = new("cpu", new RunOptions { Workers = 2 });
    public static readonly SuiteBackend GpuEmulated = new("gpu", new RunOptions { Device = DeviceKind.CpuAccelerator }, Emulated: true);
    public static readonly SuiteBackend Cuda = new("gpu", new RunOptions { Device = DeviceKind.Cuda }, Unavailable: CudaMissing);

    private static readonly Lazy<string?> WhyNoCuda = new(BackendSuite.NoCuda);

    private static string? CudaMissing() => WhyNoCuda.Value;
}

public sealed class ReferenceSemantics() : SemanticsSuite(SuiteBackend.Reference);
public sealed class CpuSemantics() : SemanticsSuite(SuiteBackend.Cpu);
public sealed class CpuTwoThreadSemantics() : SemanticsSuite(SuiteBackend.CpuTwoThreads);
public sealed class GpuEmulatedSemantics() : SemanticsSuite(SuiteBackend.GpuEmulated);
public sealed class CudaSemantics() : SemanticsSuite(SuiteBackend.Cuda);

public sealed class ReferencePlasticity() : PlasticitySuite(SuiteBackend.Reference);
public sealed class CpuPlasticity() : PlasticitySuite(SuiteBackend.Cpu);
public sealed class CpuTwoThreadPlasticity() : PlasticitySuite(SuiteBackend.CpuTwoThreads);
public sealed class GpuEmulatedPlasticity() : PlasticitySuite(SuiteBackend.GpuEmulated);
public sealed class CudaPlasticity() : PlasticitySuite(SuiteBackend.Cuda);

public sealed class ReferenceNonFinite() : NonFiniteSuite(SuiteBackend.Reference);
public sealed class CpuNonFinite() : NonFiniteSuite(SuiteBackend.Cpu);
public sealed class CpuTwoThreadNonFinite() : NonFiniteSuite(SuiteBackend.CpuTwoThreads);
public sealed class GpuEmulatedNonFinite() : NonFiniteSuite(SuiteBackend.GpuEmulated);
public sealed class CudaNonFinite() : NonFiniteSuite(SuiteBackend.Cuda);
