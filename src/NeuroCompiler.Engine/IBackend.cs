using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine;

/// <summary>
/// A way to run a compiled network, found by name in <see cref="BackendRegistry"/>: the reference interpreter,
/// compiled C# kernels on the CPU, or ILGPU kernels on a GPU. Every backend gives the reference's
/// results bit for bit (docs/semantics.md). A failure to run (no device, memory exhausted, a bug in
/// generated code) comes back as <see cref="BackendRun.Error"/>, a diagnostic, never as an exception
/// of the backend's own; cancelling through <see cref="RunOptions.Cancellation"/> throws
/// <see cref="OperationCanceledException"/>, as in the rest of .NET.
/// </summary>
public interface IBackend
{
    /// <summary>The name <c>--backend</c> and <see cref="BackendRegistry.Find"/> know it by.</summary>
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Description { get; }

    /// <summary>Whether it runs on several host threads (<see cref="RunOptions.Workers"/>); the others use one.</summary>
    bool Threaded { get; }

    /// <summary>Whether it compiles kernels (verify and emit-cs apply to it).</summary>
    bool Compiled { get; }

    /// <summary>
    /// What the process holds besides the network while this backend runs it, for the memory estimate:
    /// before the synapses are built (<paramref name="built"/> null) the most it may hold, after it what it will.
    /// </summary>
    ProcessFootprint Footprint(Network? built);

    /// <summary>Runs the network (compiled with its connectivity instantiated).</summary>
    BackendRun Run(Network network, RunOptions options);

    /// <summary>The generated C# it compiles (neuroc emit-cs), or null for the interpreter.</summary>
    string? Source(Network network);
}
