using System.Text.RegularExpressions;

namespace NeuroCompiler.Output;

/// <summary>
/// The hidden names beside an output folder DIR, in its parent: <c>.DIR.lock</c> (the writers' lock),
/// <c>.DIR.staging-PID-ID</c> (a new DIR being written; after the swap, the old DIR being deleted) and
/// <c>.DIR.previous-PID-ID</c> (the old DIR between the two renames of the fallback swap). A name
/// that <see cref="Parse"/> recognises and whose lock is free was left by a killed writer.
/// </summary>
internal sealed partial record OutputFolderNames(string Folder)
{

    public string Parent => Path.GetDirectoryName(Folder)!;

    public string Name => Path.GetFileName(Folder);

    public string Lock => Beside("lock");

    public string Staging(string id) => Beside($"staging-{id}");

    public string Previous(string id) => Beside($"previous-{id}");

    /// <summary>A new writer's id: its process and a random part, so that no two writers ever share one.</summary>
    public static string NewId() => $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>What a leftover's name says: its folder, kind and writer; null for any other name.</summary>
    public static Leftover? Parse(string path)
    {
        var match = LeftoverName().Match(Path.GetFileName(path));
        return match.Success
            ? new Leftover(path, Path.Combine(Path.GetDirectoryName(path)!, match.Groups["name"].Value), match.Groups["kind"].Value == "previous", match.Groups["id"].Value)
            : null;
    }

    private string Beside(string suffix) => Path.Combine(Parent, $".{Name}.{suffix}");

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<kind>staging|previous)-(?<id>\d+-[0-9a-f]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverName();
}
