namespace NeuroCompiler.Output;

/// <summary>
/// Writes an output folder whole or not at all. Every file is written into a staging folder beside
/// the destination (<c>.DIR.staging-PID-ID</c>, same file system); <see cref="Commit"/> marks it as
/// neuroc's (<see cref="OutputFolder.Marker"/>) and puts it in the destination's place in one atomic
/// swap (<see cref="DirectorySwap"/>), replacing an earlier result folder whole: nothing of the old
/// folder survives, nothing of the new one appears before all of it does. Without a commit
/// (an error, a cancellation) the staging folder is removed and the destination stays as it was; if
/// the process is killed, the next writer removes it.
/// </summary>
public sealed class AtomicDirectory : IDisposable
{
    private const string MarkerText = "neuroc result folder: written whole by neuroc, which replaces it whole when it writes here again.\n";

    private readonly OutputFolder _folder;
    private readonly bool _ownsFolder;
    private readonly CancellationToken _cancellation;
    private readonly string _id = OutputFolderNames.NewId();
    private readonly string _staging;
    private readonly List<string> _files = new();

    /// <summary>Claims <paramref name="destination"/> (<see cref="OutputFolder.Claim"/>) until disposed, and stages its new contents.</summary>
    public AtomicDirectory(string destination, CancellationToken cancellation = default)
        : this(OutputFolder.Claim(destination), ownsFolder: true, cancellation)
    {
    }

    internal AtomicDirectory(OutputFolder folder, bool ownsFolder, CancellationToken cancellation)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        _cancellation = cancellation;
        _staging = folder.Names.Staging(_id);
        try
        {
            Directory.CreateDirectory(_staging);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>How the commit put the folder in place; <see cref="SwapMethod.None"/> before it.</summary>
    public SwapMethod Swap { get; private set; }

    public IReadOnlyList<string> Files => _files;

    /// <summary>Opens a file to write in the staging folder; it reaches the destination on <see cref="Commit"/>.</summary>
    /// <exception cref="OperationCanceledException">The run was interrupted.</exception>
    public Stream Create(string name)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (name.Length == 0 || Path.GetFileName(name) != name || name is "." or ".." or OutputFolder.Marker)
        {
            throw new ArgumentException($"'{name}' is not a name for an output file", nameof(name));
        }
        if (_files.Contains(name, StringComparer.Ordinal))
        {
            // Two outputs under one name: the second would silently replace the first.
            throw new InvalidOperationException($"two outputs are both named '{name}'");
        }
        _files.Add(name);
        return new FileStream(Path.Combine(_staging, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public TextWriter CreateText(string name) => new StreamWriter(Create(name), new System.Text.UTF8Encoding(false), 1 << 16);

    /// <summary>Replaces the destination with the staged files, whole.</summary>
    /// <exception cref="OperationCanceledException">The run was interrupted before the swap: nothing changed.</exception>
    /// <exception cref="OutputFolderRefusedException">Something other than neuroc filled the destination since it was claimed.</exception>
    public void Commit()
    {
        if (Swap != SwapMethod.None)
        {
            throw new InvalidOperationException("committed twice");
        }
        File.WriteAllText(Path.Combine(_staging, OutputFolder.Marker), MarkerText);
        _cancellation.ThrowIfCancellationRequested();
        OutputFolderPolicy.CheckReplaceable(_folder.Path, _folder.Path);
        string previous = _folder.Names.Previous(_id);
        Swap = DirectorySwap.Replace(_staging, _folder.Path, previous);
        // The old folder, now under a hidden name: the new one is in place, so failing to remove it loses nothing.
        OutputFolderRecovery.Delete(Swap == SwapMethod.Exchange ? _staging : previous);
    }

    public void Dispose()
    {
        if (Swap == SwapMethod.None && Directory.Exists(_staging))
        {
            OutputFolderRecovery.Delete(_staging);
        }
        if (_ownsFolder)
        {
            _folder.Dispose();
        }
    }
}
