using System.Globalization;

namespace NeuroCompiler.Core.Nesting;

/// <summary>
/// Runs recursive phases on a thread whose stack is known and large, so the nesting limits hold
/// whichever thread calls: the main thread has 8 MB on Linux, but others (xunit's, the thread pool)
/// have about 1.5 MB, and a walker bounded at 1,000 levels of ANTLR or Roslyn frames needs more.
/// A call made on such a thread already runs inline.
/// </summary>
public static class DeepStack
{
    /// <summary>
    /// The deep thread's stack. Only the pages a walk touches are committed; the bounded walkers
    /// use a few MB at the documented limits (docs/limits.md), the rest is margin for Roslyn.
    /// </summary>
    public const int StackBytes = 64 << 20;

    [ThreadStatic]
    private static bool _onDeepStack;

    /// <summary>True on a thread started by <see cref="Run{T}"/>.</summary>
    public static bool IsCurrent => _onDeepStack;

    /// <summary>Runs the work on a deep-stack thread (inline when already on one) and returns its result or rethrows its exception.</summary>
    public static T Run<T>(Func<T> work)
    {
        if (_onDeepStack)
        {
            return work();
        }
        var task = Start(work);
        return task.GetAwaiter().GetResult();
    }

    public static void Run(Action work) => Run(() =>
    {
        work();
        return true;
    });

    /// <summary>Starts the work on a new deep-stack thread and returns at once (for work done in the background, like Roslyn's).</summary>
    public static Task<T> Start<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var thread = new Thread(() =>
        {
            _onDeepStack = true;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        }, StackBytes)
        {
            Name = "neuroc deep stack",
            IsBackground = true,
        };
        thread.Start();
        return completion.Task;
    }
}
