namespace NeuroCompiler.Output;

/// <summary>
/// Cleans up what killed writers left in a parent folder (<see cref="OutputFolderNames"/>). A leftover
/// is touched only under its folder's lock, so a live writer's staging folder is never removed. If a
/// writer died between the two renames of the fallback swap (the folder is missing, its previous
/// version is beside it), the swap is finished when the new version is complete (marked), else the
/// previous version is put back: either way the folder is whole again.
/// </summary>
internal static class OutputFolderRecovery
{
    /// <param name="claimed">The folder whose lock the caller holds already.</param>
    public static void CleanParent(OutputFolderNames claimed)
    {
        List<IGrouping<string, Leftover>> leftovers;
        try
        {
            leftovers = Directory.EnumerateDirectories(claimed.Parent, ".*")
                .Select(OutputFolderNames.Parse).OfType<Leftover>()
                .GroupBy(l => l.Folder, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // a parent this process may write but not list: nothing to clean that it can see
        }
        foreach (var group in leftovers)
        {
            var names = new OutputFolderNames(group.Key);
            if (names == claimed)
            {
                Recover(names, group.ToList());
                continue;
            }
            using var held = FolderLock.TryTake(names);
            if (held is not null)
            {
                Recover(names, group.ToList());
            }
        }
    }

    private static void Recover(OutputFolderNames names, List<Leftover> leftovers)
    {
        if (!Directory.Exists(names.Folder) && !File.Exists(names.Folder) && leftovers.FirstOrDefault(l => l.Previous) is { } previous)
        {
            string staging = names.Staging(previous.Id);
            bool complete = File.Exists(Path.Combine(staging, OutputFolder.Marker));
            Directory.Move(complete ? staging : previous.Path, names.Folder);
        }
        foreach (var leftover in leftovers.Where(l => Directory.Exists(l.Path)))
        {
            Delete(leftover.Path);
        }
    }

    /// <summary>Removes a leftover; one that cannot be removed (permissions) stays for a later run, and this run goes on.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
