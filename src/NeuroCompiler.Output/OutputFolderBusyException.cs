namespace NeuroCompiler.Output;

/// <summary>Another neuroc process is writing the same output folder now (it holds the folder's lock).</summary>
public sealed class OutputFolderBusyException(string path)
    : Exception($"another neuroc is writing '{path}' now; wait for it to finish, or choose another folder")
{
    public string Path { get; } = path;
}
