using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.CodeGen.Compile;

/// <summary>
/// Compiled kernel assemblies on disk, one file per <see cref="KernelCacheKey"/> (<c>KEY.kernel</c>, see
/// <see cref="KernelCacheEntry"/>), so a second run of an unchanged model skips compilation.
/// The folder is $NEUROC_CACHE, else $XDG_CACHE_HOME/neurocompiler/kernels, else ~/.cache/neurocompiler/kernels.
/// <para>
/// Nothing in the folder is trusted: an entry is used only when its header names this key's every field
/// and its assembly has the length and SHA-256 the header gives; any other entry (another model's copied
/// over it, truncated, corrupted, empty, from another generator or runtime) is deleted, reported as a
/// warning (<see cref="ErrorCode.KernelCacheEntryDiscarded"/>) and compiled again. Entries appear by one
/// rename of a uniquely named temporary file, so concurrent runs compiling the same model both succeed,
/// leave one whole entry, and a reader never sees half of one. A folder that cannot be used (a file, not
/// creatable, writable by every user, full) is a warning (<see cref="ErrorCode.KernelCacheUnavailable"/>)
/// and the run goes on without the cache.
/// </para>
/// </summary>
public sealed class KernelCache
{
    public const string Extension = ".kernel";

    /// <summary>Temporary files older than this are leftovers of a killed run (a write takes milliseconds).</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    private readonly Action<Diagnostic>? _warn;
    private readonly object _gate = new();
    private bool _checked;
    private bool _disabled;

    /// <param name="warn">Where warnings go (the command line prints them); without it they are dropped.</param>
    public KernelCache(string? folder = null, Action<Diagnostic>? warn = null)
    {
        Folder = folder ?? DefaultFolder();
        _warn = warn;
    }

    public string Folder { get; }

    /// <summary>Whether the cache is in use (false after a problem with its folder: the run goes on without it).</summary>
    public bool Enabled
    {
        get
        {
            lock (_gate)
            {
                CheckFolder();
                return !_disabled;
            }
        }
    }

    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable("NEUROC_CACHE") is { Length: > 0 } explicitFolder)
        {
            return explicitFolder;
        }
        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "neurocompiler", "kernels");
    }

    public string PathOf(KernelCacheKey key) => Path.Combine(Folder, key.Key + Extension);

    /// <summary>Whether an entry for this key is stored, unverified and untouched (for an estimate; <see cref="Contains"/> checks it).</summary>
    public bool Holds(KernelCacheKey key) => Enabled && File.Exists(PathOf(key));

    /// <summary>Whether a valid entry for this key is stored (a compile would only load it); a bad one is discarded and reported now, before a run starts.</summary>
    public bool Contains(KernelCacheKey key) => TryRead(key) is not null;

    /// <summary>The stored assembly for this key, verified; null when there is none or it was bad (then deleted and reported).</summary>
    public byte[]? TryRead(KernelCacheKey key)
    {
        if (!Enabled)
        {
            return null;
        }
        var image = Verified(key, out var problem);
        if (problem is not null)
        {
            Discard(key, problem);
        }
        return image;
    }

    /// <summary>Deletes an entry that is bad (also one that verified but did not load) and reports why.</summary>
    public void Discard(KernelCacheKey key, string why)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (Exception e) when (Failed(e))
        {
            // The entry is replaced when the recompiled one is stored, or ignored again next time.
        }
        Warn(ErrorCode.KernelCacheEntryDiscarded, $"the kernel cache entry {PathOf(key)} was discarded and the kernels compiled again: {why}");
    }

    /// <summary>Stores an entry whole or not at all; a cache that cannot be written is a warning, and the run goes on without it.</summary>
    public void Write(KernelCacheKey key, byte[] image)
    {
        if (!Enabled)
        {
            return;
        }
        string path = PathOf(key);
        string temporary = Path.Combine(Folder, $"{key.Key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            RemoveLeftovers();
            using (var stream = new FileStream(temporary, PrivateFile()))
            {
                stream.Write(KernelCacheEntry.Encode(key, image));
                stream.Flush(flushToDisk: true);
            }
            // rename(2): readers see the old entry or the new one, never part of one; of two runs storing the same key, the last wins, and both entries are the same.
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (Failed(e))
        {
            Delete(temporary);
            if (Verified(key, out _) is null)
            {
                Disable($"kernels cannot be stored in {Folder}: {Reason(e)}");
            }
        }
    }

    private byte[]? Verified(KernelCacheKey key, out string? problem)
    {
        problem = null;
        string path = PathOf(key);
        byte[] entry;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return null;
            }
            if (file.Length > Limits.MaxKernelCacheEntryBytes)
            {
                problem = $"it is {file.Length:N0} bytes, more than any entry ({Limits.MaxKernelCacheEntryBytes:N0})";
                return null;
            }
            entry = File.ReadAllBytes(path);
        }
        catch (Exception e) when (Failed(e))
        {
            problem = $"it cannot be read: {Reason(e)}";
            return null;
        }
        return KernelCacheEntry.Read(entry, key, out problem);
    }

    /// <summary>Once per cache: the folder exists (created private) and is a folder only its owner can write; otherwise the run goes on without it.</summary>
    private void CheckFolder()
    {
        if (_checked)
        {
            return;
        }
        _checked = true;
        if (File.Exists(Folder))
        {
            Disable($"the kernel cache folder {Folder} is a file");
            return;
        }
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
                return;
            }
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if ((File.GetUnixFileMode(Folder) & UnixFileMode.OtherWrite) != 0)
            {
                // Anyone could put an assembly there that this process would run.
                Disable($"the kernel cache folder {Folder} can be written by every user");
            }
        }
        catch (Exception e) when (Failed(e))
        {
            Disable($"the kernel cache folder {Folder} cannot be created: {Reason(e)}");
        }
    }

    private void Disable(string why)
    {
        lock (_gate)
        {
            if (_disabled)
            {
                return;
            }
            _disabled = true;
        }
        Warn(ErrorCode.KernelCacheUnavailable, $"{why}; running without the kernel cache (set NEUROC_CACHE to a private folder to use one)");
    }

    private void Warn(ErrorCode code, string message) => _warn?.Invoke(new Diagnostic(DiagnosticSeverity.Warning, code, message, null));

    private void RemoveLeftovers()
    {
        try
        {
            foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.tmp"))
            {
                if (DateTime.UtcNow - file.LastWriteTimeUtc > LeftoverAge)
                {
                    Delete(file.FullName);
                }
            }
        }
        catch (Exception e) when (Failed(e))
        {
            // Leftovers stay until a later run can list the folder; they are never read.
        }
    }

    /// <summary>
    /// What the file system answers when it cannot do what the cache asks: an I/O error (a full disk among them),
    /// no permission, or a file grown beyond what the file system or the process's limit allows (EFBIG).
    /// </summary>
    private static bool Failed(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException;

    private static string Reason(Exception e) => e.Message.TrimEnd('.');

    private static FileStreamOptions PrivateFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (Failed(e))
        {
            // A leftover at worst; the next run's clean-up removes it.
        }
    }
}
