using System.Security.Cryptography;
using System.Text;

namespace NeuroCompiler.CodeGen.Compile;

/// <summary>
/// Compiled kernel assemblies on disk, named by a hash of the generated source and of the
/// assemblies it links against, so a second run of an unchanged model skips compilation.
/// The folder is $NEUROC_CACHE, else $XDG_CACHE_HOME/neurocompiler/kernels, else ~/.cache/neurocompiler/kernels.
/// </summary>
public sealed class KernelCache
{
    public KernelCache(string? folder = null)
    {
        Folder = folder ?? DefaultFolder();
    }

    public string Folder { get; }

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

    /// <summary>The key of a source: its text, the generator version and the identity of every assembly it links against.</summary>
    public static string Key(string source, IEnumerable<System.Reflection.Assembly> references)
    {
        var builder = new StringBuilder(source);
        builder.Append('\n').Append(Emit.ModelEmitter.Version);
        foreach (var assembly in references.OrderBy(a => a.FullName, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(assembly.FullName).Append(' ').Append(assembly.ManifestModule.ModuleVersionId);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()))).ToLowerInvariant();
    }

    /// <summary>Whether an assembly for this key is stored.</summary>
    public bool Contains(string key) => File.Exists(Path.Combine(Folder, key + ".dll"));

    public byte[]? TryRead(string key)
    {
        string path = Path.Combine(Folder, key + ".dll");
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stores an assembly whole or not at all; a cache that cannot be written is not an error.</summary>
    public void Write(string key, byte[] image)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            string path = Path.Combine(Folder, key + ".dll");
            string temporary = path + $".{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without a cache the next run compiles again; nothing else depends on it.
        }
    }
}
