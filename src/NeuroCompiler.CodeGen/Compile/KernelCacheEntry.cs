using System.Text;

namespace NeuroCompiler.CodeGen.Compile;

/// <summary>
/// A cache entry's bytes: a text header, a blank line, then the compiled assembly.
/// <code>
/// neuroc-kernel-cache 1
/// key 5a1c...            (the entry's name)
/// source_sha256 ...      (the key's fields: KernelCacheKey.Lines)
/// generator 7
/// runtime .NET 10.0.0
/// reference NeuroCompiler.Runtime, Version=... 0f3e...
/// image_bytes 5632
/// image_sha256 ...
///
/// (the assembly)
/// </code>
/// <see cref="Read"/> gives the assembly only when every field is the expected key's and the assembly has
/// its length and hash; otherwise it says why, so that the caller can discard the entry.
/// </summary>
public static class KernelCacheEntry
{
    public const string Magic = "neuroc-kernel-cache 1";

    /// <summary>The longest header read; an entry without its blank line by then is not one.</summary>
    public const int MaxHeaderBytes = 1 << 16;

    public static byte[] Encode(KernelCacheKey key, byte[] image)
    {
        var header = new StringBuilder();
        foreach (var line in Header(key))
        {
            header.Append(line).Append('\n');
        }
        header.Append($"image_bytes {image.Length}\n");
        header.Append($"image_sha256 {KernelCacheKey.Sha256(image)}\n\n");
        var bytes = Encoding.UTF8.GetBytes(header.ToString());
        return bytes.Concat(image).ToArray();
    }

    /// <summary>The assembly in <paramref name="entry"/> if it is <paramref name="key"/>'s and whole; otherwise null and why not.</summary>
    public static byte[]? Read(byte[] entry, KernelCacheKey key, out string? problem)
    {
        int end = HeaderEnd(entry);
        if (end < 0)
        {
            problem = entry.Length == 0 ? "it is empty"
                : entry.AsSpan().StartsWith(Encoding.UTF8.GetBytes(Magic + "\n")) ? "it is truncated: its header does not end"
                : "it is not a kernel cache entry (no header)";
            return null;
        }
        var lines = Encoding.UTF8.GetString(entry, 0, end).Split('\n');
        var expected = Header(key).ToList();
        if (lines.Length != expected.Count + 2 || lines[0] != Magic)
        {
            problem = lines[0] == Magic ? "its header has the wrong number of fields" : "it is not a kernel cache entry (no header)";
            return null;
        }
        for (int i = 1; i < expected.Count; i++)
        {
            if (lines[i] != expected[i])
            {
                problem = Mismatch(lines[i], expected[i]);
                return null;
            }
        }
        int start = end + 2; // the header's last newline and the blank line
        long length = entry.Length - start;
        if (!TryField(lines[^2], "image_bytes", out var bytesText) || !long.TryParse(bytesText, out long declared) || declared != length)
        {
            problem = $"it is truncated or extended: its header says '{lines[^2]}', and {length} bytes follow";
            return null;
        }
        var image = entry.AsSpan(start).ToArray();
        if (!TryField(lines[^1], "image_sha256", out var hash) || hash != KernelCacheKey.Sha256(image))
        {
            problem = "its assembly does not match the hash in its header (corrupted)";
            return null;
        }
        problem = null;
        return image;
    }

    private static IEnumerable<string> Header(KernelCacheKey key) => new[] { Magic, $"key {key.Key}" }.Concat(key.Lines);

    /// <summary>The offset of the header's last newline (the one before the blank line), or −1.</summary>
    private static int HeaderEnd(byte[] entry)
    {
        int limit = Math.Min(entry.Length - 1, MaxHeaderBytes);
        for (int i = 0; i < limit; i++)
        {
            if (entry[i] == (byte)'\n' && entry[i + 1] == (byte)'\n')
            {
                return i;
            }
        }
        return -1;
    }

    private static bool TryField(string line, string name, out string value)
    {
        bool ok = line.StartsWith(name + " ", StringComparison.Ordinal);
        value = ok ? line[(name.Length + 1)..] : "";
        return ok;
    }

    private static string Mismatch(string found, string expected)
    {
        string field = expected.Split(' ')[0];
        string what = field switch
        {
            "key" => "it is another key's entry (copied or renamed)",
            "source_sha256" => "it was compiled from another model's source",
            "generator" => "it was written by another version of the code generator",
            "runtime" => "it was compiled for another .NET runtime",
            _ => "it was compiled against other assemblies",
        };
        return $"{what}: its header says '{Clip(found)}', expected '{Clip(expected)}'";
    }

    /// <summary>A header line fit to print: at most 120 characters, control characters as '?' (a damaged entry holds anything).</summary>
    private static string Clip(string text)
    {
        var printable = new string(text.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length <= 120 ? printable : printable + "...";
    }
}
