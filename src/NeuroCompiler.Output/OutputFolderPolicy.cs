namespace NeuroCompiler.Output;

/// <summary>
/// Where neuroc may write an output folder. It replaces a folder whole, so it refuses every place
/// whose replacement would lose something it did not write: the root, the home folder, a folder that
/// holds the current one, a file, a symbolic link, and a folder that is neither empty nor marked as
/// neuroc's (<see cref="OutputFolder.Marker"/>).
/// </summary>
internal static class OutputFolderPolicy
{
    /// <summary>The folder's full path; throws when the path alone rules it out (nothing is touched).</summary>
    public static string Refuse(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0'))
        {
            throw new OutputFolderRefusedException(path, "it is not a path");
        }
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (Path.GetDirectoryName(full) is null)
        {
            throw new OutputFolderRefusedException(path, "it is the root of the file system");
        }
        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home &&
            Path.TrimEndingDirectorySeparator(home) == full)
        {
            throw new OutputFolderRefusedException(path, "it is your home folder");
        }
        string current = Directory.GetCurrentDirectory();
        if (current == full || current.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new OutputFolderRefusedException(path, "it holds the current folder");
        }
        return full;
    }

    /// <summary>Throws unless what is at the path is nothing, an empty folder or a neuroc result folder (checked under the lock).</summary>
    public static void CheckReplaceable(string path, string full)
    {
        var entry = new DirectoryInfo(full);
        if (entry.LinkTarget is not null)
        {
            throw new OutputFolderRefusedException(path, "it is a symbolic link (give the folder it points to)");
        }
        if (File.Exists(full))
        {
            throw new OutputFolderRefusedException(path, "it is a file, not a folder");
        }
        if (!entry.Exists || File.Exists(Path.Combine(full, OutputFolder.Marker)) || !entry.EnumerateFileSystemInfos().Any())
        {
            return;
        }
        throw new OutputFolderRefusedException(path,
            $"it is a folder neuroc did not write (it has no {OutputFolder.Marker} file), and neuroc replaces a folder whole: choose a new one, or empty or remove it yourself");
    }
}
