using System.Runtime.CompilerServices;

namespace NeuroCompiler.Core.Nesting;

/// <summary>
/// The one depth guard every recursive walker uses. A walker that reads user input (the parser,
/// the syntax tree builder, the binder, the JSON reader) counts its levels with <see cref="TryEnter"/>
/// and reports NC0004 where the count would pass <see cref="Limits.MaxNesting"/>; the phases after
/// them are bounded by construction (docs/limits.md says by how much) and only call
/// <see cref="EnsureStack"/>, the safety net that turns a stack about to overflow into
/// <see cref="NestingTooDeepException"/> (NC0004) instead of killing the process.
/// </summary>
public sealed class NestingGuard
{
    public NestingGuard(int limit = Limits.MaxNesting) => Limit = limit;

    /// <summary>The most levels the walker may enter.</summary>
    public int Limit { get; }

    /// <summary>The levels entered and not yet left.</summary>
    public int Depth { get; private set; }

    /// <summary>Enters one level, or returns false (entering nothing) when that would pass the limit.</summary>
    public bool TryEnter()
    {
        EnsureStack();
        if (Depth >= Limit)
        {
            return false;
        }
        Depth++;
        return true;
    }

    public void Exit() => Depth--;

    /// <summary>
    /// Throws <see cref="NestingTooDeepException"/> when the current thread's stack is nearly used up.
    /// Bounded walkers on a <see cref="DeepStack"/> thread never get there; this keeps a wrong bound
    /// (or a small stack) from ending the process with "Stack overflow."
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new NestingTooDeepException();
        }
    }
}
