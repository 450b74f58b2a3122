using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Gpu;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine.Backends;

/// <summary>ILGPU kernels on an NVIDIA GPU, or on ILGPU's CPU accelerator for tests: <see cref="GpuBackend"/>.</summary>
internal sealed class GpuKernelBackend : IBackend
{
    public string Name => GpuBackend.Name;

    public string Description => "ILGPU kernels on an NVIDIA GPU (--device cpu-accelerator: on ILGPU's CPU emulator, for testing)";

    public bool Threaded => false;

    public bool Compiled => true;

    // ILGPU compiles the kernels on every run; the device's own memory is not counted (not measured on a GPU yet).
    public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Compiled(cached: false);

    public BackendRun Run(Network network, RunOptions options) => RunErrors.Run(network, options, () =>
    {
        var run = GpuBackend.Run(network, options.Device, options.ForHost(workers: 1), options.Cache);
        string device = run.Resident
            ? $"{run.Device}, whole step on the device"
            : $"{run.Device}, updates on the device; delivery, input and resets on the host";
        return new BackendRun(run.Result, null, run.CompiledPopulations, Task.FromResult(run.Kernels), device);
    }, Failure);

    public string? Source(Network network) => GpuBackend.Source(network);

    private static Diagnostic? Failure(Exception e) => e switch
    {
        NoGpuException none => new Diagnostic(DiagnosticSeverity.Error, ErrorCode.NoDevice, $"{none.Message}. The gpu backend needs an NVIDIA GPU with its driver; " +
            "--device cpu-accelerator runs the same kernels on ILGPU's CPU emulator (slowly, for testing), and --backend cpu runs compiled kernels on this machine's cores", null),
        GpuCompileException compile => RunErrors.Internal($"{compile.Message} (a bug in neuroc's GPU code generator; neuroc emit-cs --backend gpu shows the source)"),
        GeneratedCodeException generated => RunErrors.Internal(generated.Message),
        _ => null,
    };
}
