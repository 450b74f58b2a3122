namespace NeuroCompiler.TestSupport;

/// <summary>Paths in the repository, found by walking up from the test binaries to NeuroCompiler.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "NeuroCompiler.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (NeuroCompiler.sln) above " + AppContext.BaseDirectory);
    }
}
