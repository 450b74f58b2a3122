using System.Reflection;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.Gpu.Emit;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>
/// The GPU backend: kernels generated as C#, compiled by Roslyn and run by ILGPU (CUDA, or ILGPU's
/// CPU accelerator for tests). Where every projection's handler is <c>post.x += w</c> the whole
/// step stays on the device (<see cref="ResidentStep{T}"/>: updates, spike lists, delayed delivery,
/// Poisson input, resets), and the host moves arrays only for the protocol and recording. Otherwise
/// only the population updates run there, and the host runs the reference semantics around them,
/// copying a population's arrays to the device before its kernel and its states back after.
/// </summary>
public static class GpuBackend
{
    public const string Name = "gpu";

    /// <summary>The assemblies the generated GPU source uses besides the runtime and the interpreter.</summary>
    public static IReadOnlyList<Assembly> Linked { get; } = new[] { typeof(ILGPU.Context).Assembly, typeof(DeviceSession).Assembly, typeof(Network).Assembly, typeof(System.Collections.Immutable.ImmutableArray).Assembly };

    /// <summary>
    /// The C# source of a model's GPU kernels (neuroc emit-cs --backend gpu), written on a
    /// <see cref="DeepStack"/> thread since expressions are emitted by recursion.
    /// </summary>
    public static string Source(Network network) => DeepStack.Run(() => DeviceModelEmitter.Emit(network));

    /// <summary>Compiles the model's GPU kernels (Roslyn, cached) into a loaded assembly.</summary>
    public static CompiledKernels Compile(Network network, KernelCache? cache = null) =>
        KernelCompiler.Compile(Source(network), network.Settings.Name, cache, Linked);

    /// <exception cref="NoGpuException">CUDA was asked for and there is no NVIDIA GPU.</exception>
    public static GpuRun Run(Network network, DeviceKind device, HostOptions? options = null, KernelCache? cache = null)
    {
        using var session = DeviceSession.Open(device);
        var kernels = Compile(network, cache);
        // One host thread: the kernels cover whole populations.
        options = (options ?? new HostOptions()) with { Workers = 1 };
        if (network.Settings.Precision == Precision.Float32)
        {
            var single = new DeviceKernels<float>(kernels.Kernels, session, network);
            return new GpuRun(SimulationHost.Run(network, options, single), kernels, single.Bound, single.TookDeviceStep, session.Description);
        }
        var dbl = new DeviceKernels<double>(kernels.Kernels, session, network);
        return new GpuRun(SimulationHost.Run(network, options, dbl), kernels, dbl.Bound, dbl.TookDeviceStep, session.Description);
    }
}

/// <summary>
/// A GPU run: its results, how its kernels were compiled, how many populations ran on the device,
/// whether the whole step ran there (<see cref="Resident"/>; otherwise delivery, input and resets ran
/// on the host), and which device.
/// </summary>
public sealed record GpuRun(SimulationResult Result, CompiledKernels Kernels, int CompiledPopulations, bool Resident, string Device);
