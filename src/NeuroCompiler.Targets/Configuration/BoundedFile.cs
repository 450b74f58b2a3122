namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Reads a file whole, up to a limit: a file that is larger, or never ends (a device such as /dev/zero named like a
/// configuration file), is refused after the limit's bytes instead of filling the memory.
/// </summary>
public static class BoundedFile
{
    /// <summary>The file's bytes, or null when it holds more than <paramref name="limit"/>.</summary>
    public static byte[]? Read(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.CanSeek && stream.Length > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
