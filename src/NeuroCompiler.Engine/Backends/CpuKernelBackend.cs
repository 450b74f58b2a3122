using NeuroCompiler.CodeGen;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine.Backends;

/// <summary>Compiled C# kernels (Roslyn, cached) on the host's cores: <see cref="CpuBackend"/>.</summary>
internal sealed class CpuKernelBackend : IBackend
{
    public string Name => CpuBackend.Name;

    public string Description => "compiled C# kernels on every core, bit-identical to the reference";

    public bool Threaded => true;

    public bool Compiled => true;

    public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Compiled(built is not null && CpuBackend.HasCacheEntry(built));

    public BackendRun Run(Network network, RunOptions options) => RunErrors.Run(network, options, () =>
    {
        var host = options.ForHost(options.Workers ?? CpuBackend.DefaultWorkers(network));
        var run = CpuBackend.Run(network, host, options.Cache, options.CompileInBackground);
        return new BackendRun(run.Result, null, run.CompiledPopulations, run.Compiling, null, run.KernelsFromStep);
    }, e => e is GeneratedCodeException ? RunErrors.Internal(e.Message) : null);

    public string? Source(Network network) => CpuBackend.Source(network);
}
