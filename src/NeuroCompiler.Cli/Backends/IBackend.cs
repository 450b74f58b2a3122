using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Cli.Backends;

/// <summary>A way to run a model, chosen with <c>--backend NAME</c>; all are listed in <see cref="BackendRegistry"/>.</summary>
internal interface IBackend
{
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Description { get; }

    /// <summary>Whether it runs on several host threads (--threads); the others use one.</summary>
    bool Threaded { get; }

    /// <summary>Whether it compiles kernels (verify and emit-cs apply to it).</summary>
    bool Compiled { get; }

    /// <summary>
    /// What the process holds besides the network while this backend runs it, for the memory estimate:
    /// before the synapses are built (<paramref name="built"/> null) the most it may hold, after it what it will.
    /// </summary>
    IR.Memory.ProcessFootprint Footprint(Network? built);

    /// <summary>Runs the network; throws <see cref="Gpu.NoGpuException"/> when its device is missing.</summary>
    BackendRun Run(Network network, InterpreterOptions options, BackendSettings settings);

    /// <summary>The generated C# it compiles (neuroc emit-cs), or null for the interpreter.</summary>
    string? Source(Network network);
}

/// <summary>
/// Options only some backends use: the GPU's device; whether a cold kernel cache is filled while the run starts interpreted (run: yes;
/// verify: no); the kernel cache, whose warnings the command line prints (null: the default folder, warnings dropped).
/// </summary>
internal sealed record BackendSettings(Gpu.DeviceKind Device, bool CompileInBackground = false, KernelCache? Cache = null);

/// <summary>
/// A run's results, its kernels (how many populations, whether the cache had them, what compiling
/// cost, and the step they ran from: 0, or later when they were compiled while the run began with the
/// interpreter; null if the run ended first) and its device, in words.
/// </summary>
internal sealed record BackendRun(SimulationResult Result, int CompiledPopulations, Task<CompiledKernels>? Kernels, string? Device, long? KernelsFromStep = 0)
{
    /// <summary>Whether the kernels came from the cache (waits for a compilation still running).</summary>
    public bool FromCache => Kernels?.GetAwaiter().GetResult().FromCache ?? false;

    /// <summary>How long compiling or loading the kernels took (waits for a compilation still running).</summary>
    public TimeSpan KernelCompileTime => Kernels?.GetAwaiter().GetResult().Time ?? TimeSpan.Zero;
}
