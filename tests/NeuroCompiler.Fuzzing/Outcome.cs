namespace NeuroCompiler.Fuzzing;

/// <summary>What one input did. The last three are bugs: the goal is none of them.</summary>
public enum Outcome
{
    /// <summary>Compiled and ran its few steps; exit 0.</summary>
    Ran,
    /// <summary>Refused with coded diagnostics (exit 65, or 64 for a value the command line could not take).</summary>
    Rejected,
    /// <summary>Stopped while running with a coded message and exit 70 (too large, diverged...).</summary>
    Failed,
    /// <summary>An exception escaped, "internal error" was printed, a diagnostic had a span outside its text, or the exit code was not one of the documented ones.</summary>
    Unhandled,
    /// <summary>Took longer than the time allowed per input.</summary>
    Hang,
    /// <summary>The worker process died (stack overflow, out of memory, a native fault).</summary>
    Crash,
}
