namespace NeuroCompiler.IR.Memory;

/// <summary>
/// What the process holds besides the network's own data, and how it runs the network: the runtime's
/// baseline (the .NET runtime, JIT-compiled code, neuroc's assemblies, the garbage collector's
/// headroom), Roslyn when the cpu backend compiles its kernels, whether compiled kernels run (they
/// read every projection's targets as 32-bit integers), and how many runs' results are held at once
/// (<c>verify</c> keeps the reference's while the backend runs; <c>ir --synapses</c> runs nothing).
/// The constants are measured on a model with one neuron and no recording (bench/memory.sh, peak
/// resident memory): 55 MiB interpreted, 75 MiB with compiled kernels from the cache, and 70 MiB
/// more while Roslyn compiles them.
/// </summary>
public sealed record ProcessFootprint(long RuntimeBytes, long KernelCompilerBytes, bool CompiledKernels, int ResultCopies)
{
    public const long InterpretedRuntimeBytes = 55L << 20;
    public const long CompiledRuntimeBytes = 75L << 20;
    public const long RoslynBytes = 70L << 20;

    /// <summary>The reference interpreter, one run.</summary>
    public static ProcessFootprint Interpreted { get; } = new(InterpretedRuntimeBytes, 0, false, 1);

    /// <summary>Compiled kernels (the cpu backend), compiled by Roslyn first unless <paramref name="cached"/>.</summary>
    public static ProcessFootprint Compiled(bool cached) => new(CompiledRuntimeBytes, cached ? 0 : RoslynBytes, true, 1);
}
