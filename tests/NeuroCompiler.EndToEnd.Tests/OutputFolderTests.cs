using NeuroCompiler.Output;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Output folders (run results, compiled configurations) are replaced whole or not at all, only where
/// neuroc may replace them, by one writer at a time, and what a killed writer left is cleaned up.
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("neuroc-output-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string At(string name) => Path.Combine(_parent, name);

    private static SwapMethod Write(string folder, params (string Name, string Text)[] files)
    {
        using var output = new AtomicDirectory(folder);
        foreach (var (name, text) in files)
        {
            using var writer = output.CreateText(name);
            writer.Write(text);
        }
        output.Commit();
        return output.Swap;
    }

    /// <summary>Everything in the parent.</summary>
    private string[] Beside() => Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName).Order().ToArray()!;

    private static string[] Contents(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void ACommitReplacesAnEarlierResultWholeInOneAtomicSwap()
    {
        string folder = At("result");
        Assert.Equal(SwapMethod.Rename, Write(folder, ("a.csv", "1"), ("b.csv", "2")));
        Assert.Equal(new[] { OutputFolder.Marker, "a.csv", "b.csv" }, Contents(folder));
        var swap = Write(folder, ("c.csv", "3"));
        Assert.Equal(new[] { OutputFolder.Marker, "c.csv" }, Contents(folder)); // nothing of the old folder survives
        Assert.Equal("3", File.ReadAllText(Path.Combine(folder, "c.csv")));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(SwapMethod.Exchange, swap); // renameat2(RENAME_EXCHANGE), not the two-rename fallback
        }
        Assert.Equal(new[] { "result" }, Beside()); // no staging or previous folder, nor the lock file, left
    }

    [Fact]
    public void TheLockFileOfAKilledWriterIsTakenOverAndRemoved()
    {
        File.WriteAllText(At(".dead.lock"), ""); // a writer killed while it held the lock leaves its (empty) lock file
        File.WriteAllText(At(".marked.lock"), "released\n"); // one killed between marking its lock file released and deleting it
        Write(At("dead"), ("a.csv", "1"));
        Write(At("marked"), ("a.csv", "1"));
        Assert.Equal(new[] { "dead", "marked" }, Beside());
    }

    [Fact]
    public async Task AReaderAlwaysFindsTheFolderWhole()
    {
        // Swaps by exchange leave no moment without the folder: a reader polling it through 100
        // replacements always finds it, marked, with both of its files from the same version.
        string folder = At("watched");
        Write(folder, ("a.txt", "0"), ("b.txt", "0"));
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!Directory.Exists(folder) || !File.Exists(Path.Combine(folder, OutputFolder.Marker)))
                {
                    seen.Add("missing or unmarked");
                }
            }
        });
        for (int i = 1; i <= 100; i++)
        {
            Write(folder, ("a.txt", $"{i}"), ("b.txt", $"{i}"));
        }
        stop.Cancel();
        await reader;
        Assert.Empty(seen);
        Assert.Equal("100", File.ReadAllText(Path.Combine(folder, "a.txt")));
    }

    [Fact]
    public void NothingChangesWithoutACommit()
    {
        string folder = At("kept");
        Write(folder, ("a.csv", "old"));
        using (var output = new AtomicDirectory(folder))
        {
            using var writer = output.CreateText("a.csv");
            writer.Write("new");
        }
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "a.csv")));
        Assert.Equal(new[] { "kept" }, Beside());
    }

    [Fact]
    public void ACancelledWriteStopsBeforeTheSwapAndLeavesTheOldFolder()
    {
        string folder = At("cancelled");
        Write(folder, ("a.csv", "old"));
        using var cancellation = new CancellationTokenSource();
        using (var claim = OutputFolder.Claim(folder))
        using (var output = claim.Stage(cancellation.Token))
        {
            using (var writer = output.CreateText("a.csv"))
            {
                writer.Write("new");
            }
            cancellation.Cancel();
            Assert.Throws<OperationCanceledException>(() => output.CreateText("b.csv"));
            Assert.Throws<OperationCanceledException>(output.Commit);
        }
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "a.csv")));
        Assert.Equal(new[] { "cancelled" }, Beside());
    }

    [Fact]
    public void TwoOutputsUnderOneNameAreABugNotASilentOverwrite()
    {
        using var output = new AtomicDirectory(At("twice"));
        output.Create("a.csv").Dispose();
        Assert.Throws<InvalidOperationException>(() => output.Create("a.csv"));
        Assert.Throws<ArgumentException>(() => output.Create("../escape.csv"));
        Assert.Throws<ArgumentException>(() => output.Create(OutputFolder.Marker));
    }

    [Fact]
    public void ASecondWriterOfTheSameFolderFailsAtOnceUntilTheFirstIsDone()
    {
        string folder = At("busy");
        using (OutputFolder.Claim(folder))
        {
            var busy = Assert.Throws<OutputFolderBusyException>(() => OutputFolder.Claim(folder));
            Assert.Contains("another neuroc is writing", busy.Message);
            using (OutputFolder.Claim(At("other"))) // other folders in the same parent are free
            {
            }
        }
        using (OutputFolder.Claim(folder))
        {
        }
    }

    [Fact]
    public void PlacesWhoseReplacementWouldLoseSomethingAreRefused()
    {
        File.WriteAllText(At("file.txt"), "mine");
        Directory.CreateDirectory(At("foreign"));
        File.WriteAllText(Path.Combine(At("foreign"), "notes.txt"), "mine");
        Directory.CreateSymbolicLink(At("link"), At("foreign"));
        var refused = new Dictionary<string, string>
        {
            ["/"] = "it is the root of the file system",
            [Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)] = "it is your home folder",
            [Directory.GetCurrentDirectory()] = "it holds the current folder",
            [Path.GetDirectoryName(Directory.GetCurrentDirectory())!] = "it holds the current folder",
            [At("file.txt")] = "it is a file, not a folder",
            [At("foreign")] = "it is a folder neuroc did not write (it has no .neuroc-result file)",
            [At("link")] = "it is a symbolic link",
            [""] = "it is not a path",
        };
        foreach (var (path, reason) in refused)
        {
            var e = Assert.Throws<OutputFolderRefusedException>(() => OutputFolder.Claim(path));
            Assert.StartsWith(reason, e.Reason);
            Assert.Contains($"will not write '{path}': ", e.Message);
        }
        Assert.Equal("mine", File.ReadAllText(At("file.txt")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(At("foreign"), "notes.txt")));
        Assert.Equal(new[] { "file.txt", "foreign", "link" }, Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName).Order()); // not even a lock file
    }

    [Fact]
    public void AnEmptyFolderIsReplaced()
    {
        Directory.CreateDirectory(At("empty"));
        Write(At("empty"), ("a.csv", "1"));
        Assert.Equal(new[] { OutputFolder.Marker, "a.csv" }, Contents(At("empty")));
    }

    /// <summary>A leftover folder named as a writer names them (OutputFolderNames), with a marker when <paramref name="complete"/>.</summary>
    private string Leftover(string folder, string kind, string id, string file, bool complete)
    {
        string path = At($".{folder}.{kind}-{id}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, file), kind);
        if (complete)
        {
            File.WriteAllText(Path.Combine(path, OutputFolder.Marker), "");
        }
        return path;
    }

    private static string Id() => $"4242-{Guid.NewGuid():N}";

    [Fact]
    public void WhatKilledWritersLeftIsCleanedUpByTheNextClaimInTheSameParent()
    {
        Write(At("mine"), ("a.csv", "1"));
        Leftover("mine", "staging", Id(), "half.csv", complete: false);
        Leftover("mine", "staging", Id(), "old.csv", complete: true); // an old folder a killed writer was deleting after its swap
        Leftover("theirs", "staging", Id(), "half.csv", complete: false);
        string live = Leftover("live", "staging", Id(), "half.csv", complete: false);
        File.WriteAllText(At("unrelated.staging-1-2"), "not ours");
        using (new FileStream(At(".live.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) // a writer still at work
        using (OutputFolder.Claim(At("mine")))
        {
        }
        Assert.Equal(new[] { ".live.lock", Path.GetFileName(live), "mine", "unrelated.staging-1-2" }, Beside());
        Assert.Equal("1", File.ReadAllText(Path.Combine(At("mine"), "a.csv")));
    }

    [Fact]
    public void AWriterKilledBetweenTheTwoRenamesOfTheFallbackLeavesAWholeFolderBehindForTheNext()
    {
        // Killed after its new folder was complete: the swap is finished.
        string id = Id();
        Leftover("finished", "previous", id, "old.csv", complete: true);
        Leftover("finished", "staging", id, "new.csv", complete: true);
        using (OutputFolder.Claim(At("finished")))
        {
        }
        Assert.Equal(new[] { OutputFolder.Marker, "new.csv" }, Contents(At("finished")));

        // A previous folder without a complete new one: the old folder goes back.
        id = Id();
        Leftover("undone", "previous", id, "old.csv", complete: true);
        Leftover("undone", "staging", id, "new.csv", complete: false);
        using (OutputFolder.Claim(At("undone")))
        {
        }
        Assert.Equal(new[] { OutputFolder.Marker, "old.csv" }, Contents(At("undone")));
        Assert.Equal(new[] { "finished", "undone" }, Beside());
    }
}
