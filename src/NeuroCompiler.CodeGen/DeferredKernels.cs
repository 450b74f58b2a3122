using System.Numerics;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Host;

namespace NeuroCompiler.CodeGen;

/// <summary>
/// Kernels still being compiled on another thread: the run starts at once with the interpreter
/// (the same results to the bit) and switches to the kernels at the first step after Roslyn is done,
/// so a model run for the first time shows its first spikes without waiting for the compiler.
/// </summary>
public sealed class DeferredKernels<T> : IKernelFactory<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Task<CompiledKernels> _compiling;
    private GeneratedKernels<T>? _kernels;

    public DeferredKernels(Task<CompiledKernels> compiling, string backend)
    {
        _compiling = compiling;
        Backend = backend;
    }

    public string Backend { get; }

    public bool Ready => _compiling.IsCompleted;

    /// <summary>The step from which the kernels ran (null if the run ended first).</summary>
    public long? FromStep { get; private set; }

    public int BoundPopulations => _kernels?.Bound ?? 0;

    public int BoundProjections => _kernels?.BoundProjections ?? 0;

    public PopulationKernel<T>? Population(int population, PopulationArrays<T> arrays)
    {
        // A compile error surfaces here, as the exception Roslyn's side threw.
        _kernels ??= new GeneratedKernels<T>(_compiling.GetAwaiter().GetResult().Kernels, Backend);
        return _kernels.Population(population, arrays);
    }

    public SynapseKernels<T>? Projection(int projection, SynapseArrays<T> arrays)
    {
        _kernels ??= new GeneratedKernels<T>(_compiling.GetAwaiter().GetResult().Kernels, Backend);
        return _kernels.Projection(projection, arrays);
    }

    public void Bound(long step) => FromStep = step;
}
