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
}
