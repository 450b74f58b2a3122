using System.Text.Json;
using NeuroCompiler.Cli;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>CUBA and a plastic sample compile for every target in targets/, each with the flags its limits call for, and the report says what changed.</summary>
public sealed class TargetCompileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-targets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Neuroc(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Directory.GetFiles(Repository.Path("targets"), "*.json").Select(Path.GetFileNameWithoutExtension).Order())
        {
            data.Add("cuba.neuro", target!);
            data.Add("cuba_stdp.neuro", target!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EverySampleOfTheIssueCompilesForEveryTarget(string sample, string target)
    {
        string outDir = Path.Combine(_folder, $"{sample}-{target}");
        var args = new List<string> { "compile", Repository.Path("samples", sample), "--target", target, "--targets", Repository.Path("targets"),
            "--out", outDir, "--set", "duration=100 ms", "--insert-relays" };
        bool learns = sample.Contains("stdp");
        bool onChip = false;
        if (learns)
        {
            // A target whose learning engine runs pair STDP maps the rule; the others refuse, naming the flag that freezes it.
            var (first, _, why) = Neuroc(args.ToArray());
            onChip = first == 0;
            if (!onChip)
            {
                Assert.Equal(65, first);
                Assert.Contains("projection 'ee' learns (STDP)", why);
                Assert.Contains("--freeze-learning", why);
                args.Add("--freeze-learning");
            }
        }
        var (code, output, error) = Neuroc(args.ToArray());
        Assert.True(code == 0, error);
        Assert.Contains($"wrote {outDir}", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        Assert.Equal(target, report.RootElement.GetProperty("target").GetString());
        var changes = report.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(learns && !onChip, changes.Any(c => c.Contains("learning (STDP) frozen")));
        Assert.Equal(onChip, changes.Any(c => c.Contains("ee: learns on chip (pair_stdp")));
        Assert.Equal(onChip, learns && target == "loihi-like");
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.StartsWith("neuroc-", manifest.RootElement.GetProperty("format").GetString());
        Assert.Equal(64, manifest.RootElement.GetProperty("model_sha256").GetString()!.Length);
    }

    [Fact]
    public void VerifyOnAMemristorTargetFollowsTheMappingOverTimeAfterProgramming()
    {
        var (code, output, error) = Neuroc("verify", Repository.Path("samples", "cuba.neuro"), "--target", "rram-1t1r-128", "--targets", Repository.Path("targets"),
            "--set", "duration=200 ms", "--after", "1s", "1day", "1year", "--fault-aware", "--drift-aware");
        Assert.True(code == 0, error);
        Assert.Contains("ideal model vs its mapping onto rram-1t1r-128", output);
        Assert.Contains("drift-aware", output);
        Assert.Matches(@"1 s\s+P\s+\d+\.\d{3} Hz\s+\d+\.\d{3} Hz", output);
        Assert.Matches(@"1 year\(s\)\s+P\s+\d+\.\d{3} Hz", output);
        Assert.Matches(@"(reprogram within|already at 1 s after programming)", output);
        Assert.Contains("clipped by the ADC", output);
        (code, _, error) = Neuroc("verify", Repository.Path("samples", "cuba.neuro"), "--target", "rram-1t1r-128", "--targets", Repository.Path("targets"), "--after", "soon");
        Assert.Equal(64, code);
        Assert.Contains("'soon' is not a time", error);
    }
}
