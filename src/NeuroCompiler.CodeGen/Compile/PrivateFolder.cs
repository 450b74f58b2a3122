namespace NeuroCompiler.CodeGen.Compile;

/// <summary>
/// Files neuroc writes for people to look at (the source of kernels that did not compile), each in a new
/// folder under $TMPDIR that only its owner can enter (mode 0700, made by mkdtemp: no other user can
/// have made it first or read what is in it), the file itself mode 0600.
/// </summary>
public static class PrivateFolder
{
    public const string Prefix = "neuroc-";

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> (a name neuroc chose, never the user's) in a new private folder; returns its path.</summary>
    public static string Write(string name, string text)
    {
        string folder = Directory.CreateTempSubdirectory(Prefix).FullName;
        string path = Path.Combine(folder, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(new FileStream(path, options), new System.Text.UTF8Encoding(false));
        writer.Write(text);
        return path;
    }
}
