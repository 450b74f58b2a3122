using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace NeuroCompiler.Fuzzing;

/// <summary>
/// Runs a campaign in worker processes, one per shard (input i goes to shard i mod workers). An input
/// that outlives its time is a hang: the worker is killed and a new one goes on after it; a worker that
/// dies in the middle of an input (a stack overflow kills a .NET process whatever catches what) is a
/// crash of that input. Inputs that ran on the cpu backend get a longer time, for Roslyn.
/// </summary>
public sealed class Supervisor
{
    private readonly CampaignOptions _options;
    private readonly InputGenerator _generator;
    private readonly ConcurrentBag<Finding> _findings = new();
    private int _failedStarts;

    public Supervisor(CampaignOptions options, Corpus corpus)
    {
        _options = options;
        _generator = new InputGenerator(corpus, options.Seed);
    }

    public IReadOnlyCollection<Finding> Run()
    {
        var shards = Enumerable.Range(0, _options.Workers).Select(s => Task.Factory.StartNew(() => RunShard(s), TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(shards);
        return _findings;
    }

    private void RunShard(int shard)
    {
        long next = shard;
        while (next < _options.Count)
        {
            next = RunWorker(next);
        }
    }

    /// <summary>One worker from input <paramref name="from"/> on; returns the input to go on from.</summary>
    private long RunWorker(long from)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            typeof(Supervisor).Assembly.Location, "--worker", "--repo", _options.Repository, "--seed", _options.Seed.ToString(),
            "--from", from.ToString(), "--stride", _options.Workers.ToString(), "--count", _options.Count.ToString(),
            "--cpu-every", _options.CpuEvery.ToString(), "--recycle", _options.Recycle.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NEUROC_CACHE"] = _options.KernelCache;
        start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{_options.HeapLimitBytes:X}";
        start.Environment["NEUROC_NO_RELAUNCH"] = "1";
        using var process = Process.Start(start)!;
        var lines = new BlockingCollection<string>();
        var stderr = new StringBuilder(); // its beginning: a stack overflow's frames go on for megabytes
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (stderr)
                {
                    if (stderr.Length < 2000)
                    {
                        stderr.AppendLine(line);
                    }
                }
            }
        };
        process.BeginErrorReadLine();
        var reader = Task.Run(() =>
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
            }
            lines.CompleteAdding();
        });

        long? current = null;
        bool cpu = false;
        var watch = new Stopwatch();
        long resume = from;
        while (true)
        {
            if (lines.TryTake(out var line, 100))
            {
                if (!line.StartsWith(Worker.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }
                var parts = line[Worker.Prefix.Length..].Split(' ', 4);
                long index = long.Parse(parts[1]);
                if (parts[0] == "start")
                {
                    current = index;
                    cpu = parts[2] == "1";
                    watch.Restart();
                }
                else
                {
                    var tail = parts.Length > 3 ? parts[3].Split('\t', 2) : new[] { "", "" };
                    _findings.Add(new Finding(index, Enum.Parse<Outcome>(parts[2]), tail[0], tail.Length > 1 ? tail[1] : "", cpu));
                    current = null;
                    resume = index + _options.Workers;
                    Progress();
                }
                continue;
            }
            if (current is { } running && watch.Elapsed > (cpu ? _options.CpuTimeout : _options.Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Record(running, Outcome.Hang, $"still running after {watch.Elapsed.TotalSeconds:0.0} s", cpu);
                return running + _options.Workers;
            }
            if (lines.IsCompleted)
            {
                process.WaitForExit();
                if (current is { } died)
                {
                    string tail;
                    lock (stderr)
                    {
                        tail = string.Join(" | ", stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4).Select(l => l.Trim()));
                    }
                    Record(died, Outcome.Crash, $"exit {process.ExitCode}: {tail}", cpu);
                    return died + _options.Workers;
                }
                if (process.ExitCode != 0 && resume == from)
                {
                    // Not an input's fault (none had started): the machine, short of memory for a moment.
                    if (Interlocked.Increment(ref _failedStarts) > 60)
                    {
                        throw new InvalidOperationException($"the fuzzing worker failed to start (exit {process.ExitCode}): {stderr}");
                    }
                    Thread.Sleep(TimeSpan.FromSeconds(5));
                }
                return resume;
            }
        }
    }

    private void Record(long index, Outcome outcome, string detail, bool cpu)
    {
        _findings.Add(new Finding(index, outcome, _generator.Make(index).Origin, detail, cpu));
        Progress();
    }

    private void Progress()
    {
        if (_options.Progress is { } progress && _findings.Count % 1000 == 0)
        {
            progress($"{_findings.Count} of {_options.Count} inputs, {_findings.Count(f => f.Outcome >= Outcome.Unhandled)} findings");
        }
    }
}
