using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.Interpreter;
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

    /// <summary>The C# source of a model's kernels (neuroc emit-cs).</summary>
    public static string Source(Network network) => ModelEmitter.Emit(network);

    /// <summary>
    /// Worker threads for a network: every core (at most 8) when there is enough work per step to
    /// pay for handing it out (about a microsecond per step here), one otherwise. Measured on the
    /// 2-core machine: Brunel (12,500 neurons, 15.6 M synapses) runs 1.8× faster on 2 threads,
    /// CUBA (4,000 neurons, 0.3 M synapses) 10 % slower.
    /// </summary>
    public static int DefaultWorkers(Network network) =>
        network.TotalSynapses >= 2_000_000 || network.TotalNeurons >= 50_000 ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1;

    public static CpuRun Run(Network network, InterpreterOptions? options = null, KernelCache? cache = null)
    {
        options ??= new InterpreterOptions { Workers = DefaultWorkers(network) };
        var kernels = KernelCompiler.Compile(Source(network), network.Settings.Name, cache);
        if (network.Settings.Precision == Precision.Float32)
        {
            var single = new GeneratedKernels<float>(kernels.Kernels, Name);
            return new CpuRun(ReferenceInterpreter.Run(network, options, single), kernels, single.Bound);
        }
        var dbl = new GeneratedKernels<double>(kernels.Kernels, Name);
        return new CpuRun(ReferenceInterpreter.Run(network, options, dbl), kernels, dbl.Bound);
    }
}

/// <summary>A CPU run: its results, how its kernels were compiled, and how many populations ran compiled code.</summary>
public sealed record CpuRun(SimulationResult Result, CompiledKernels Kernels, int CompiledPopulations);
