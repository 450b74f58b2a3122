namespace NeuroCompiler.Output;

/// <summary>
/// Writes a set of files so that each appears whole or not at all: everything is written into a
/// hidden staging folder inside the destination, then moved into place file by file (a rename
/// within one file system). If writing fails, the staging folder is removed and no file changes.
/// </summary>
public sealed class AtomicDirectory : IDisposable
{
    private readonly string _destination;
    private readonly string _staging;
    private readonly List<string> _files = new();
    private bool _committed;

    public AtomicDirectory(string destination)
    {
        _destination = destination;
        Directory.CreateDirectory(destination);
        _staging = Path.Combine(destination, $".staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_staging);
    }

    /// <summary>Opens a file to write in the staging folder; it reaches the destination on <see cref="Commit"/>.</summary>
    public Stream Create(string name)
    {
        _files.Add(name);
        return new FileStream(Path.Combine(_staging, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public TextWriter CreateText(string name) => new StreamWriter(Create(name), new System.Text.UTF8Encoding(false), 1 << 16);

    public IReadOnlyList<string> Files => _files;

    public void Commit()
    {
        foreach (var name in _files)
        {
            File.Move(Path.Combine(_staging, name), Path.Combine(_destination, name), overwrite: true);
        }
        _committed = true;
        Directory.Delete(_staging, recursive: true);
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }
    }
}
