namespace NeuroCompiler.Interpreter;

/// <summary>Options of a reference run.</summary>
public sealed record InterpreterOptions
{
    public static readonly InterpreterOptions Default = new();

    /// <summary>Called now and then with the step reached, for progress display; may be null.</summary>
    public Action<long, long>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }
}
