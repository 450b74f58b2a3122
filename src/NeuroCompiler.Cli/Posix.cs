using System.Runtime.InteropServices;

namespace NeuroCompiler.Cli;

/// <summary>The few Linux process calls .NET does not offer: a parent-death signal, the parent's id, sending a signal.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int SetParentDeathSignal = 1; // PR_SET_PDEATHSIG

    /// <summary>Asks the kernel to send <paramref name="signal"/> to this process when the thread that started it ends.</summary>
    public static bool DieWith(int signal) => Prctl(SetParentDeathSignal, (nuint)signal, 0, 0, 0) == 0;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int ParentId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int process, int signal);

    /// <summary>The signal's number on Linux.</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => SigInt,
        PosixSignal.SIGTERM => SigTerm,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "neuroc handles SIGINT and SIGTERM"),
    };
}
