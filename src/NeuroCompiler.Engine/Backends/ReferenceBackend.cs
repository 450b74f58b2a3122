using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine.Backends;

/// <summary>The reference interpreter: the ground truth, one thread, nothing compiled.</summary>
internal sealed class ReferenceBackend : IBackend
{
    public string Name => ReferenceInterpreter.BackendName;

    public string Description => "the ground-truth interpreter";

    public bool Threaded => false;

    public bool Compiled => false;

    public ProcessFootprint Footprint(Network? built) => ProcessFootprint.Interpreted;

    public BackendRun Run(Network network, RunOptions options) =>
        RunErrors.Run(network, options, () => new BackendRun(ReferenceInterpreter.Run(network, options.ForHost(workers: 1))));

    public string? Source(Network network) => null;
}
