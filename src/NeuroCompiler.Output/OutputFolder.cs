namespace NeuroCompiler.Output;

/// <summary>
/// A folder neuroc is about to write (a run's results, a compiled configuration), claimed by one
/// writer until disposed. Claiming refuses a place neuroc must not replace (see
/// <see cref="OutputFolderRefusedException"/>), takes the folder's lock, so that a second writer of
/// the same folder fails at once instead of silently replacing the first one's results, and cleans up
/// what killed writers left beside it. <see cref="Stage"/> then opens the staging folder whose
/// commit replaces the folder whole.
/// <para>
/// Everything lives beside the folder, in its parent (one file system, so renames are atomic), under
/// hidden names (<see cref="OutputFolderNames"/>). The lock (<see cref="FolderLock"/>) is released by
/// the kernel when its holder dies, even by SIGKILL, so a killed run never blocks the next one.
/// </para>
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The file that marks a folder as neuroc's: only such folders (or empty ones) are replaced.</summary>
    public const string Marker = ".neuroc-result";

    private readonly FolderLock _lock;

    private OutputFolder(string path, FolderLock lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The names beside the folder: its lock, staging and previous folders.</summary>
    internal OutputFolderNames Names => new(Path);

    /// <summary>Claims <paramref name="path"/> for writing.</summary>
    /// <exception cref="OutputFolderRefusedException">neuroc must not replace what is there (exit 64).</exception>
    /// <exception cref="OutputFolderBusyException">Another neuroc holds the folder's lock.</exception>
    /// <exception cref="IOException">The parent folder or the lock file cannot be made (no permission, a file in the way).</exception>
    public static OutputFolder Claim(string path)
    {
        string full = OutputFolderPolicy.Refuse(path);
        OutputFolderPolicy.CheckReplaceable(path, full); // before anything is made beside a folder that is refused
        var names = new OutputFolderNames(full);
        Directory.CreateDirectory(names.Parent);
        var lockFile = FolderLock.TryTake(names) ?? throw new OutputFolderBusyException(path);
        try
        {
            OutputFolderPolicy.CheckReplaceable(path, full); // again: only a lock holder's look is sure
            OutputFolderRecovery.CleanParent(names);
            return new OutputFolder(full, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Opens a staging folder beside this one; its <see cref="AtomicDirectory.Commit"/> replaces this folder whole.</summary>
    public AtomicDirectory Stage(CancellationToken cancellation = default) => new(this, ownsFolder: false, cancellation);

    public void Dispose() => _lock.Dispose();
}
