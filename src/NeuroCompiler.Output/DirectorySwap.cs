using System.Runtime.InteropServices;

namespace NeuroCompiler.Output;

/// <summary>
/// Puts a complete new folder in the place of an old one. On Linux, one renameat2(2) with
/// RENAME_EXCHANGE swaps the two names atomically: at every moment the place holds the old folder
/// or the new one, whole, and a SIGKILL at any point leaves one of them there. Where the file system
/// or the system cannot exchange (EINVAL, ENOSYS; not Linux), two renames do it: old to
/// <c>.DIR.previous-ID</c>, then new to DIR. Between those two renames the place is empty for a moment;
/// a writer killed there leaves both versions beside it, and the next writer puts one back
/// (<see cref="OutputFolderRecovery"/>).
/// </summary>
internal static partial class DirectorySwap
{
    /// <summary>
    /// Moves <paramref name="staging"/> to <paramref name="folder"/>; the old folder, if there was one,
    /// ends up at <paramref name="staging"/> or <paramref name="previous"/>, for the caller to delete.
    /// </summary>
    public static SwapMethod Replace(string staging, string folder, string previous)
    {
        if (!Directory.Exists(folder))
        {
            Directory.Move(staging, folder);
            return SwapMethod.Rename;
        }
        if (Exchange(staging, folder))
        {
            return SwapMethod.Exchange;
        }
        Directory.Move(folder, previous);
        Directory.Move(staging, folder);
        return SwapMethod.TwoRenames;
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int NotSupported = 22; // EINVAL: the file system cannot exchange
    private const int NoSystemCall = 38; // ENOSYS

    private static bool Exchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            if (RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library older than glibc 2.28
        }
        int errno = Marshal.GetLastPInvokeError();
        return errno is NotSupported or NoSystemCall
            ? false
            : throw new IOException($"cannot put '{a}' in the place of '{b}': {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
