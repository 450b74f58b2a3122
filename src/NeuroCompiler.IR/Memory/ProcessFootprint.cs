namespace NeuroCompiler.IR.Memory;

/// <summary>
/// What the process holds besides the network's own data, and how it runs the network: the runtime's
/// baseline (the .NET runtime, JIT-compiled code, neuroc's assemblies, the garbage collector's
/// headroom), Roslyn when the cpu backend compiles its kernels, whether compiled kernels run (they
/// read every projection's targets as 32-bit integers), and how many runs' results are held at once
/// (<c>verify</c> keeps the reference's while the backend runs; <c>ir --synapses</c> runs nothing).
/// The constants are measured (bench/memory.sh, peak resident memory; bench/results/memory-20261207-180614.md):
/// a small model takes 55 MiB interpreted and 64 MiB with compiled kernels from the cache, and Roslyn
/// adds 64 MiB while it compiles them; a run that allocates as it goes (interpreted expressions,
/// plasticity) lets the collector's youngest generation fill up first, about 12 MiB more on this
/// machine (13 MiB less for samples/structural.neuro with DOTNET_GCgen0size=4 MiB). The constants
/// sit between the two: 60, 70 and 60 MiB.
/// </summary>
public sealed record ProcessFootprint(long RuntimeBytes, long KernelCompilerBytes, bool CompiledKernels, int ResultCopies)
{
    public const long InterpretedRuntimeBytes = 60L << 20;
    public const long CompiledRuntimeBytes = 70L << 20;
    public const long RoslynBytes = 60L << 20;

    /// <summary>The reference interpreter, one run.</summary>
    public static ProcessFootprint Interpreted { get; } = new(InterpretedRuntimeBytes, 0, false, 1);

    /// <summary>Compiled kernels (the cpu backend), compiled by Roslyn first unless <paramref name="cached"/>.</summary>
    public static ProcessFootprint Compiled(bool cached) => new(CompiledRuntimeBytes, cached ? 0 : RoslynBytes, true, 1);
}
