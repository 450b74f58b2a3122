namespace NeuroCompiler.Output;

/// <summary>
/// The lock of one output folder: its lock file (<c>.DIR.lock</c>, beside it) opened with
/// <see cref="FileShare.None"/>, which .NET takes with flock(2), so the kernel releases it when its
/// holder ends, even by SIGKILL. Only a killed holder leaves the file behind (the next writer takes
/// it over); a holder that ends normally deletes it, safely: it first marks the file released,
/// through its own handle, and a process that opened the file before the deletion and then gets the
/// lock finds the mark and starts again with a new file.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private static readonly byte[] Released = "released\n"u8.ToArray();

    private readonly FileStream _file;
    private readonly string _path;

    private FolderLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>The folder's lock, or null when another process holds it.</summary>
    public static FolderLock? TryTake(OutputFolderNames names)
    {
        for (int attempt = 1; ; attempt++)
        {
            FileStream file;
            try
            {
                file = new FileStream(names.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
            {
                return null;
            }
            if (file.Length == 0)
            {
                return new FolderLock(file, names.Lock);
            }
            if (attempt == 3)
            {
                // Marked three times in a row: not files deleted under this process one after another,
                // but one still at its path, its holder killed between marking and deleting it. Reuse it.
                file.SetLength(0);
                return new FolderLock(file, names.Lock);
            }
            file.Dispose(); // a lock file its last holder released and deleted after this process opened it: open the path again
        }
    }

    public void Dispose()
    {
        try
        {
            _file.Write(Released);
            _file.Flush();
            File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock file stays; the kernel still releases the lock below, and the next writer takes the file over.
        }
        _file.Dispose();
    }

    /// <summary>What .NET reports when the file is locked: on Unix flock(2)'s errno EWOULDBLOCK, on Windows ERROR_SHARING_VIOLATION.</summary>
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);
}
