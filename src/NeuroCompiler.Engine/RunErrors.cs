using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host.Recording;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Memory;

namespace NeuroCompiler.Engine;

/// <summary>
/// The failures every backend can meet, as diagnostics: a run that recorded more spikes than the memory
/// left holds (NC0520), one that ran out of memory all the same (NC0502), a bug in neuroc (NC0599).
/// Each backend adds its own (<see cref="Run"/>'s <c>own</c>).
/// </summary>
internal static class RunErrors
{
    /// <summary>Runs <paramref name="run"/>; a failure it meets comes back as <see cref="BackendRun.Error"/>.</summary>
    public static BackendRun Run(Network network, RunOptions options, Func<BackendRun> run, Func<Exception, Diagnostic?>? own = null)
    {
        try
        {
            return run();
        }
        catch (RecordingLimitException e)
        {
            return BackendRun.Failed(MemoryGuard.Stopped(e, network, options.RecordedSpikeLimit ?? 0));
        }
        catch (Exception e) when (RanOutOfMemory(e))
        {
            // The estimate let the run start, yet the memory ran out (other processes took it, or the
            // estimate fell short): a runtime failure, not a bug.
            string estimate = options.MemoryEstimate is { } m ? $" (estimated {MemoryEstimate.Size(m.Bytes)} before it started)" : "";
            return BackendRun.Failed(new Diagnostic(DiagnosticSeverity.Error, ErrorCode.OutOfMemory, $"the simulation ran out of memory{estimate}", null));
        }
        catch (Exception e) when (own?.Invoke(e) is { } diagnostic)
        {
            return BackendRun.Failed(diagnostic);
        }
    }

    /// <summary>A bug in neuroc (NC0599), e.g. generated code that does not compile.</summary>
    public static Diagnostic Internal(string message) => new(DiagnosticSeverity.Error, ErrorCode.InternalError, message, null);

    /// <summary>Out of memory on this thread, or on a simulation worker (whose failure arrives wrapped).</summary>
    private static bool RanOutOfMemory(Exception e) =>
        e is OutOfMemoryException || e is AggregateException a && a.Flatten().InnerExceptions.Any(inner => inner is OutOfMemoryException);
}
