using System.Diagnostics;

namespace NeuroCompiler.Fuzzing;

/// <summary>
/// <c>dotnet NeuroCompiler.Fuzzing.dll [--count N] [--seed S] [--workers W] [--cpu-every K] [--timeout SECONDS]
/// [--report FILE] [--failures DIR] [--repo DIR]</c> runs a campaign and exits 1 if any input was
/// unhandled, hung or crashed; <c>--show N --seed S</c> prints input N.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = Arguments.Parse(args);
        string repository = options.Get("--repo") ?? Corpus.FindRoot(AppContext.BaseDirectory);
        var corpus = Corpus.FromRepository(repository);
        int seed = int.Parse(options.Get("--seed") ?? "1");
        if (options.Has("--worker"))
        {
            return Worker.Run(corpus, seed, long.Parse(options.Get("--from")!), long.Parse(options.Get("--stride")!),
                long.Parse(options.Get("--count")!), int.Parse(options.Get("--cpu-every")!), int.Parse(options.Get("--recycle")!));
        }
        if (options.Get("--show") is { } show)
        {
            var (text, origin) = new InputGenerator(corpus, seed).Make(long.Parse(show));
            Console.Error.WriteLine($"// input {show} of seed {seed}: {origin}");
            using (var stdout = Console.OpenStandardOutput())
            {
                stdout.Write(FuzzTarget.Bytes(text));
            }
            return 0;
        }
        var campaign = new CampaignOptions
        {
            Repository = repository,
            Seed = seed,
            Count = long.Parse(options.Get("--count") ?? "1000"),
            Workers = int.Parse(options.Get("--workers") ?? "2"),
            CpuEvery = int.Parse(options.Get("--cpu-every") ?? "200"),
            Timeout = TimeSpan.FromSeconds(double.Parse(options.Get("--timeout") ?? "2", System.Globalization.CultureInfo.InvariantCulture)),
            Progress = Console.Error.WriteLine,
        };
        var watch = Stopwatch.StartNew();
        var findings = new Supervisor(campaign, corpus).Run();
        string report = Report.Markdown(campaign, findings, watch.Elapsed);
        Console.Out.Write(report);
        if (options.Get("--report") is { } path)
        {
            File.WriteAllText(path, report);
        }
        if (options.Get("--failures") is { } folder)
        {
            SaveFailures(folder, corpus, campaign.Seed, findings);
        }
        return Report.Bugs(findings) == 0 ? 0 : 1;
    }

    private static void SaveFailures(string folder, Corpus corpus, int seed, IEnumerable<Finding> findings)
    {
        Directory.CreateDirectory(folder);
        var generator = new InputGenerator(corpus, seed);
        foreach (var finding in findings.Where(f => f.Outcome >= Outcome.Unhandled))
        {
            File.WriteAllBytes(Path.Combine(folder, $"{finding.Index}.neuro"), FuzzTarget.Bytes(generator.Make(finding.Index).Text));
            File.WriteAllText(Path.Combine(folder, $"{finding.Index}.txt"), $"{finding.Outcome}{(finding.Cpu ? " (cpu)" : "")}: {finding.Detail}\n{finding.Origin}\n");
        }
    }
}
