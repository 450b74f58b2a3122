namespace NeuroCompiler.Output;

/// <summary>An output folder neuroc will not write, and why (<see cref="OutputFolderPolicy"/>); the command line's exit 64.</summary>
public sealed class OutputFolderRefusedException(string path, string reason) : Exception($"will not write '{path}': {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
