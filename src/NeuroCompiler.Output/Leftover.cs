namespace NeuroCompiler.Output;

/// <summary>A folder a writer left beside the output folder <see cref="Folder"/>: its staging folder or (<see cref="Previous"/>) the folder's previous version.</summary>
internal sealed record Leftover(string Path, string Folder, bool Previous, string Id);
