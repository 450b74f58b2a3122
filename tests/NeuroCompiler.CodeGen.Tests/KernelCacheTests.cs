using System.Text;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>
/// Nothing in the kernel cache is trusted: a bad entry of any kind is discarded with a warning, compiled again,
/// and the run gives the reference's spikes; a folder that cannot be used is a warning and the run goes on;
/// concurrent compiles of one model leave one whole entry and never read half of one.
/// </summary>
public sealed class KernelCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-cache-tests-").FullName;
    private readonly List<Diagnostic> _warnings = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private KernelCache Cache(string? folder = null) => new(folder ?? Path.Combine(_folder, "kernels"), w =>
    {
        lock (_warnings)
        {
            _warnings.Add(w);
        }
    });

    private const string Model = """
        model cached { dt = 0.1 ms; duration = 60 ms; seed = 3 }
        param tau = 10 ms
        neuron N {
          state v = uniform(0 mV, 15 mV)
          dv/dt = (20 mV - v) / tau
          threshold v > 15 mV
          reset { v = 0 mV }
        }
        population P = N[200]
        record spikes P
        """;

    /// <summary>A small network, and the same with another time constant: the same arrays, another number in the code.</summary>
    private static Network Small(string tau = "10 ms") => Comparison.RecordingAllSpikes(Models.Network(Model, $"tau={tau}"));

    private static string Spikes(NeuroCompiler.Output.SimulationResult result) =>
        string.Join(";", result.Spikes.Select(t => $"{t.Population}:{string.Join(",", t.Steps)}/{string.Join(",", t.Indices)}"));

    private string EntryOf(Network network) => Cache().PathOf(KernelCompiler.Key(CpuBackend.Source(network)));

    /// <summary>Each way an entry goes bad, applied to a valid entry of the small model's (the other model's valid entry at hand).</summary>
    public static TheoryData<string, string> Corruptions() => new()
    {
        { "another model's entry under this key", "it is another key's entry (copied or renamed)" },
        { "another model's assembly with this key's header", "its assembly does not match the hash in its header" },
        { "truncated in the assembly", "it is truncated or extended" },
        { "truncated in the header", "it is truncated: its header does not end" },
        { "random bytes", "it is not a kernel cache entry (no header)" },
        { "empty", "it is empty" },
        { "another generator version", "it was written by another version of the code generator" },
        { "another runtime", "it was compiled for another .NET runtime" },
        { "one byte of the assembly flipped", "its assembly does not match the hash in its header" },
        { "a verified entry whose assembly does not load", "its assembly does not load" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void ABadEntryIsDiscardedWithAWarningAndTheRunGivesTheReferenceSpikes(string corruption, string reason)
    {
        var network = Small();
        var other = Small("14 ms");
        var reference = ReferenceInterpreter.Run(network);
        Assert.NotEqual(Spikes(reference), Spikes(ReferenceInterpreter.Run(other))); // a wrong kernel would show
        Assert.False(CpuBackend.Run(network, cache: Cache()).Kernels.FromCache);
        Assert.False(CpuBackend.Run(other, cache: Cache()).Kernels.FromCache);
        string entry = EntryOf(network);
        byte[] valid = File.ReadAllBytes(entry);
        byte[] otherEntry = File.ReadAllBytes(EntryOf(other));
        int header = HeaderLength(valid);
        File.WriteAllBytes(entry, corruption switch
        {
            "another model's entry under this key" => otherEntry,
            "another model's assembly with this key's header" => valid[..header].Concat(otherEntry[HeaderLength(otherEntry)..]).ToArray(),
            "truncated in the assembly" => valid[..(header + (valid.Length - header) / 2)],
            "truncated in the header" => valid[..(header / 2)],
            "random bytes" => RandomBytes(valid.Length),
            "empty" => Array.Empty<byte>(),
            "another generator version" => ReplaceLine(valid, "generator ", $"generator {Emit.ModelEmitter.Version - 1}"),
            "another runtime" => ReplaceLine(valid, "runtime ", "runtime .NET 9.0.0"),
            "one byte of the assembly flipped" => Flipped(valid, header + (valid.Length - header) / 3),
            _ => KernelCacheEntry.Encode(KernelCompiler.Key(CpuBackend.Source(network)), RandomBytes(4096)),
        });

        var run = CpuBackend.Run(network, cache: Cache());

        var warning = Assert.Single(_warnings);
        Assert.Equal(ErrorCode.KernelCacheEntryDiscarded, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains(reason, warning.Message);
        Assert.StartsWith($"neuroc: warning {DiagnosticCatalogue.Text(ErrorCode.KernelCacheEntryDiscarded)}: the kernel cache entry {entry} was discarded and the kernels compiled again", warning.ToString());
        Assert.False(run.Kernels.FromCache);
        Assert.Equal(1, run.CompiledPopulations);
        Assert.Equal(Spikes(reference), Spikes(run.Result));
        // The entry is whole again: the next run loads it without a word.
        Assert.Equal(valid, File.ReadAllBytes(entry));
        Assert.True(CpuBackend.Run(network, cache: Cache()).Kernels.FromCache);
        Assert.Single(_warnings);
    }

    [Fact]
    public void AnEntryFromAnotherModelIsDiscardedEvenWhenTheRunCompilesInTheBackground()
    {
        var network = Small();
        var other = Small("14 ms");
        CpuBackend.Run(other, cache: Cache());
        File.Copy(EntryOf(other), EntryOf(network));
        var run = CpuBackend.Run(network, cache: Cache(), compileInBackground: true);
        Assert.Equal(ErrorCode.KernelCacheEntryDiscarded, Assert.Single(_warnings).Code);
        Assert.False(run.Kernels.FromCache);
        Assert.Equal(Spikes(ReferenceInterpreter.Run(network)), Spikes(run.Result));
    }

    public static TheoryData<string> UnusableFolders() => new() { "a file", "below a file", "in /proc", "writable by every user" };

    [Theory]
    [MemberData(nameof(UnusableFolders))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFolderThatCannotBeUsedIsAWarningAndTheRunGoesOnWithoutIt(string kind)
    {
        var network = Small();
        string folder = Path.Combine(_folder, "unusable");
        switch (kind)
        {
            case "a file":
                File.WriteAllText(folder, "not a folder");
                break;
            case "below a file":
                File.WriteAllText(folder, "not a folder");
                folder = Path.Combine(folder, "kernels");
                break;
            case "in /proc":
                folder = "/proc/neuroc-kernel-cache-test"; // not even root can make a folder there
                break;
            default:
                // Another user could put an assembly there: even a valid entry in it is not run.
                Directory.CreateDirectory(folder);
                CpuBackend.Run(network, cache: Cache(folder));
                Assert.Single(Directory.GetFiles(folder, "*" + KernelCache.Extension));
                _warnings.Clear();
                File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
                break;
        }
        var run = CpuBackend.Run(network, cache: Cache(folder));
        var warning = Assert.Single(_warnings);
        Assert.Equal(ErrorCode.KernelCacheUnavailable, warning.Code);
        Assert.Contains("running without the kernel cache", warning.Message);
        Assert.Contains(folder, warning.Message);
        Assert.False(run.Kernels.FromCache);
        Assert.Equal(Spikes(ReferenceInterpreter.Run(network)), Spikes(run.Result));
    }

    [Fact]
    public async Task ConcurrentColdCompilesOfOneModelAllSucceedAndLeaveOneWholeEntry()
    {
        string source = CpuBackend.Source(Small());
        using var start = new Barrier(4);
        var compiled = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return KernelCompiler.Compile(source, "race", Cache());
        })).ToArray();
        foreach (var result in await Task.WhenAll(compiled))
        {
            Assert.NotNull(result.Kernels.GetMethod("Update0"));
        }
        Assert.Empty(_warnings);
        string folder = Path.Combine(_folder, "kernels");
        Assert.Single(Directory.GetFiles(folder, "*" + KernelCache.Extension));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.True(KernelCompiler.Compile(source, "race", Cache()).FromCache);
    }

    [Fact]
    public async Task AReaderNeverSeesHalfAnEntryWhileOthersWriteIt()
    {
        string source = CpuBackend.Source(Small());
        var key = KernelCompiler.Key(source);
        byte[] image = File.ReadAllBytes(typeof(KernelCacheTests).Assembly.Location); // any bytes will do: the cache does not load them
        Cache().Write(key, image);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var cache = Cache();
            while (!stop.IsCancellationRequested)
            {
                cache.Write(key, image);
            }
        })).ToArray();
        var reader = Cache();
        int reads = 0;
        for (; reads < 300; reads++)
        {
            Assert.Equal(image, reader.TryRead(key));
        }
        stop.Cancel();
        await Task.WhenAll(writers);
        Assert.Empty(_warnings);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "kernels"), "*.tmp"));
    }

    [Fact]
    public void LeftoversOfAKilledWriteAreRemovedAndNeverRead()
    {
        var network = Small();
        string folder = Path.Combine(_folder, "kernels");
        Directory.CreateDirectory(folder);
        var key = KernelCompiler.Key(CpuBackend.Source(network));
        string old = Path.Combine(folder, $"{key.Key}.999.dead.tmp");
        string fresh = Path.Combine(folder, $"{key.Key}.998.alive.tmp");
        File.WriteAllBytes(old, new byte[] { 1, 2, 3 });
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-1));
        File.WriteAllBytes(fresh, new byte[] { 1, 2, 3 }); // perhaps another run's, being written now
        var run = CpuBackend.Run(network, cache: Cache());
        Assert.False(run.Kernels.FromCache);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.Empty(_warnings);
    }

    private static int HeaderLength(byte[] entry)
    {
        for (int i = 0; i + 1 < entry.Length; i++)
        {
            if (entry[i] == '\n' && entry[i + 1] == '\n')
            {
                return i + 2;
            }
        }
        throw new InvalidOperationException("no header");
    }

    private static byte[] ReplaceLine(byte[] entry, string prefix, string line)
    {
        int header = HeaderLength(entry);
        var lines = Encoding.UTF8.GetString(entry, 0, header).Split('\n');
        int index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index > 0, $"the header has a '{prefix}' line");
        lines[index] = line;
        return Encoding.UTF8.GetBytes(string.Join("\n", lines)).Concat(entry[header..]).ToArray();
    }

    private static byte[] Flipped(byte[] entry, int at)
    {
        var copy = entry.ToArray();
        copy[at] ^= 0x40;
        return copy;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(12).NextBytes(bytes);
        return bytes;
    }
}
