namespace NeuroCompiler.Interpreter;

/// <summary>Options of a reference run.</summary>
public sealed record InterpreterOptions
{
    public static readonly InterpreterOptions Default = new();

    /// <summary>Called now and then with the step reached, for progress display; may be null.</summary>
    public Action<long, long>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Threads for compiled kernels (a backend's option; the interpreted reference runs on one). Each
    /// worker owns a fixed share of every population, so the results do not depend on this number.
    /// </summary>
    public int Workers { get; init; } = 1;
}
