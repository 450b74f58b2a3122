using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Output;

namespace NeuroCompiler.Engine;

/// <summary>
/// What a backend's run gave: its results, or the error that stopped it (then <see cref="Result"/> is
/// null; a run that stopped at a value that is not finite has a result, with
/// <see cref="SimulationResult.Failure"/>). Also its kernels (how many populations ran compiled code,
/// whether the cache had them, what compiling cost, the step they ran from: 0, or later when they were
/// compiled while the run began interpreted, null if the run ended first) and its device, in words.
/// </summary>
public sealed record BackendRun(SimulationResult? Result, Diagnostic? Error = null, int CompiledPopulations = 0,
    Task<CompiledKernels>? Kernels = null, string? Device = null, long? KernelsFromStep = 0)
{
    public static BackendRun Failed(Diagnostic error) => new(null, error);

    /// <summary>Whether the kernels came from the cache (waits for a compilation still running).</summary>
    public bool FromCache => Kernels?.GetAwaiter().GetResult().FromCache ?? false;

    /// <summary>How long compiling or loading the kernels took (waits for a compilation still running).</summary>
    public TimeSpan KernelCompileTime => Kernels?.GetAwaiter().GetResult().Time ?? TimeSpan.Zero;

    /// <summary>
    /// Waits for a compilation the run outlived (it fills the cache): how long it took, or the internal
    /// error it ended with.
    /// </summary>
    public (TimeSpan Time, Diagnostic? Error) FinishCompiling()
    {
        try
        {
            return (KernelCompileTime, null);
        }
        catch (GeneratedCodeException e)
        {
            return (TimeSpan.Zero, RunErrors.Internal(e.Message));
        }
    }
}
