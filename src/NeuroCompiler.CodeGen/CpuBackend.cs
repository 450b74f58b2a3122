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

    public static CpuRun Run(Network network, InterpreterOptions? options = null, KernelCache? cache = null)
    {
        options ??= InterpreterOptions.Default;
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
