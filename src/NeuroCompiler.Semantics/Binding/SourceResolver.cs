using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Files;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>An import's file found (<see cref="Text"/>, and <see cref="Key"/> naming the file for cycle detection), not found, or refused.</summary>
public sealed record ImportResolution(SourceText? Text, string? Key, ErrorCode? Code = null, string? Problem = null)
{
    public static readonly ImportResolution NotFound = new(null, null);

    public static ImportResolution Found(SourceText text, string key) => new(text, key);

    public static ImportResolution Refused(ErrorCode code, string problem) => new(null, null, code, problem);
}

/// <summary>
/// Finds the text of an imported file: <c>std/...</c> from the standard library built into the
/// compiler, anything else relative to the importing file. An import is a <c>.neuro</c> file
/// (<c>import "lib"</c> reads lib.neuro), and so is the file a link in its place leads to, so an import
/// cannot read /etc/passwd or /dev/zero; what is read passes <see cref="SourceFile"/>'s checks.
/// </summary>
public class SourceResolver
{
    public const string Extension = ".neuro";

    public static readonly SourceResolver Default = new();

    public virtual ImportResolution Resolve(string path, SourceText importer)
    {
        if (path.StartsWith("std/", StringComparison.Ordinal))
        {
            string name = path.EndsWith(Extension, StringComparison.Ordinal) ? path[..^Extension.Length] : path;
            return StandardLibrary.TryGet(name) is { } text ? ImportResolution.Found(SourceText.From(text, name + Extension), "<std>/" + name) : ImportResolution.NotFound;
        }
        string? directory = Path.GetDirectoryName(importer.FileName);
        string candidate = Path.Combine(string.IsNullOrEmpty(directory) ? "." : directory, path);
        if (!candidate.EndsWith(Extension, StringComparison.Ordinal))
        {
            candidate += Extension;
        }
        if (!File.Exists(candidate) && !Directory.Exists(candidate))
        {
            return ImportResolution.NotFound;
        }
        if (File.ResolveLinkTarget(candidate, returnFinalTarget: true) is { } target && !target.Name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return ImportResolution.Refused(ErrorCode.SourceNotRegularFile, $"'{candidate}' is a link to a file whose name does not end in {Extension}, so it is not imported");
        }
        var read = SourceFile.Read(candidate, candidate);
        return read.Text is { } found ? ImportResolution.Found(found, Path.GetFullPath(candidate)) : ImportResolution.Refused(read.Code!.Value, read.Problem!);
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
