using System.Reflection;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Finds the text of an imported file: <c>std/...</c> from the standard library built into the
/// compiler, anything else relative to the importing file.
/// </summary>
public class SourceResolver
{
    public static readonly SourceResolver Default = new();

    /// <returns>The text and a key identifying the file (for cycle detection), or null when not found.</returns>
    public virtual (SourceText Text, string Key)? Resolve(string path, SourceText importer)
    {
        if (path.StartsWith("std/", StringComparison.Ordinal))
        {
            string name = path.EndsWith(".neuro", StringComparison.Ordinal) ? path[..^6] : path;
            return StandardLibrary.TryGet(name) is { } text ? (SourceText.From(text, name + ".neuro"), "<std>/" + name) : null;
        }
        string? directory = Path.GetDirectoryName(importer.FileName);
        string candidate = Path.Combine(string.IsNullOrEmpty(directory) ? "." : directory, path);
        if (!candidate.EndsWith(".neuro", StringComparison.Ordinal) && !File.Exists(candidate))
        {
            candidate += ".neuro";
        }
        if (!File.Exists(candidate))
        {
            return null;
        }
        return (SourceText.From(File.ReadAllText(candidate), candidate), Path.GetFullPath(candidate));
    }
}

/// <summary>The standard library's sources, embedded in this assembly from Std/*.neuro.</summary>
public static class StandardLibrary
{
    public static string? TryGet(string name)
    {
        using var stream = typeof(StandardLibrary).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Names => typeof(StandardLibrary).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("std/", StringComparison.Ordinal));
}
