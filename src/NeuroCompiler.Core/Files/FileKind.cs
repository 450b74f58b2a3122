using System.Runtime.InteropServices;

namespace NeuroCompiler.Core.Files;

/// <summary>What a path names, after following its links, as the operating system says.</summary>
public enum FileKind
{
    /// <summary>The system could not say (statx is Linux's); the reader's other checks still apply.</summary>
    Unknown,
    Regular,
    Directory,
    CharacterDevice,
    BlockDevice,
    Pipe,
    Socket,
    Missing,
}

/// <summary>
/// The kind of a file without opening it: opening a pipe blocks until someone writes to it, and a device
/// such as /dev/zero never ends, so the kind must be known first. .NET has no portable way to ask, so this
/// calls Linux's statx, whose buffer has the same layout on every architecture.
/// </summary>
public static class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int Enoent = 2;

    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileKind.Unknown;
        }
        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() == Enoent ? FileKind.Missing : FileKind.Unknown;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Unknown;
        }
        int mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Pipe,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Pipe => "a pipe",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
