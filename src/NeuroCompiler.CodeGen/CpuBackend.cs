using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen;

/// <summary>
/// The CPU backend: the model's kernels generated as C#, compiled by Roslyn, run on the host with the
/// reference semantics. Results are bit-identical to the reference interpreter's (neuroc verify).
/// </summary>
public static class CpuBackend
{
    public const string Name = "cpu";

    /// <summary>
    /// The C# source of a model's kernels (neuroc emit-cs), written on a <see cref="DeepStack"/>
    /// thread since expressions are emitted by recursion.
    /// </summary>
    public static string Source(Network network) => DeepStack.Run(() => ModelEmitter.Emit(network));

    /// <summary>Whether a run would find the network's kernels in the cache (and not start Roslyn).</summary>
    /// <summary>Whether the cache holds an entry for the network's kernels, unverified (a bad entry is discarded, with its warning, when the run reads it).</summary>
    public static bool HasCacheEntry(Network network, KernelCache? cache = null) => (cache ?? new KernelCache()).Holds(KernelCompiler.Key(Source(network)));

    /// <summary>
    /// Worker threads for a network: every core (at most 8) when there is enough work per step to
    /// pay for handing it out (about a microsecond per step here), one otherwise. Measured on the
    /// 2-core machine: Brunel (12,500 neurons, 15.6 M synapses) runs 1.8× faster on 2 threads,
    /// CUBA (4,000 neurons, 0.3 M synapses) 10 % slower.
    /// </summary>
    public static int DefaultWorkers(Network network) =>
        network.TotalSynapses >= 2_000_000 || network.TotalNeurons >= 50_000 ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1;

    /// <param name="compileInBackground">
    /// When the kernels are not in the cache: start at once with the interpreter while Roslyn compiles
    /// them on another thread, and switch to them as soon as they are ready (same results, bit for bit;
    /// <see cref="CpuRun.KernelsFromStep"/> says when). For users' runs; verify and the tests compile
    /// first, so that every step runs the kernels.
    /// </param>
    public static CpuRun Run(Network network, HostOptions? options = null, KernelCache? cache = null, bool compileInBackground = false)
    {
        options ??= new HostOptions { Workers = DefaultWorkers(network) };
        cache ??= new KernelCache();
        string source = Source(network);
        if (compileInBackground && !KernelCompiler.IsCached(source, cache))
        {
            var compiling = DeepStack.Start(() => KernelCompiler.Compile(source, network.Settings.Name, cache));
            return network.Settings.Precision == Precision.Float32
                ? RunDeferred(network, options, new DeferredKernels<float>(compiling, Name), compiling)
                : RunDeferred(network, options, new DeferredKernels<double>(compiling, Name), compiling);
        }
        var kernels = KernelCompiler.Compile(source, network.Settings.Name, cache);
        if (network.Settings.Precision == Precision.Float32)
        {
            var single = new GeneratedKernels<float>(kernels.Kernels, Name);
            return new CpuRun(SimulationHost.Run(network, options, single), Task.FromResult(kernels), single.Bound) { CompiledProjections = single.BoundProjections };
        }
        var dbl = new GeneratedKernels<double>(kernels.Kernels, Name);
        return new CpuRun(SimulationHost.Run(network, options, dbl), Task.FromResult(kernels), dbl.Bound) { CompiledProjections = dbl.BoundProjections };
    }

    private static CpuRun RunDeferred<T>(Network network, HostOptions options, DeferredKernels<T> kernels, Task<CompiledKernels> compiling)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var result = SimulationHost.Run(network, options, kernels);
        // When the run ends first, the compilation goes on: the caller can write the results, then
        // wait for it (it is cached when it finishes).
        return new CpuRun(result, compiling, kernels.BoundPopulations, kernels.FromStep) { CompiledProjections = kernels.BoundProjections };
    }
}


/// <summary>
/// A CPU run: its results, how its kernels were compiled (<see cref="Compiling"/> may still be running
/// when the run ended before the background compilation did; <see cref="Kernels"/> waits for it), how
/// many populations ran compiled code, and from which step (0, or later when they were compiled in
/// the background; null if the run ended first).
/// </summary>
public sealed record CpuRun(SimulationResult Result, Task<CompiledKernels> Compiling, int CompiledPopulations, long? KernelsFromStep = 0)
{
    /// <summary>How many projections ran compiled synapse code (handlers, clock rules).</summary>
    public int CompiledProjections { get; init; }

    public CompiledKernels Kernels => Compiling.GetAwaiter().GetResult();
}
