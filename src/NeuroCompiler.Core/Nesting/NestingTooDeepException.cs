using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Nesting;

/// <summary>
/// A recursive walker found its thread's stack nearly used up (see <see cref="NestingGuard.EnsureStack"/>).
/// Phases turn it into NC0004 at <see cref="Location"/> when they know the place, else without one.
/// </summary>
public sealed class NestingTooDeepException : Exception
{
    public NestingTooDeepException(SourceLocation? location = null)
        : base(NestingMessages.StackExhausted)
    {
        Location = location;
    }

    public SourceLocation? Location { get; }

    /// <summary>The exception itself, or the one inside an AggregateException (a parallel loop's, a worker's); null for any other.</summary>
    public static NestingTooDeepException? In(Exception e) => e switch
    {
        NestingTooDeepException n => n,
        AggregateException a => a.Flatten().InnerExceptions.Select(In).FirstOrDefault(n => n is not null),
        _ => null,
    };

    /// <summary>The diagnostic it stands for: NC0004, at its place when it has one.</summary>
    public Diagnostics.Diagnostic ToDiagnostic() =>
        new(Diagnostics.DiagnosticSeverity.Error, Diagnostics.ErrorCode.NestingTooDeep, Message, Location);
}
