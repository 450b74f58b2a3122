using System.Diagnostics;
using NeuroCompiler.Cli;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// The kernel cache as neuroc runs it, in processes of their own with a private $NEUROC_CACHE: a bad entry
/// or a cache that cannot be written is a warning and the run's results are the reference's; two runs
/// compiling the same model at once both succeed; a model named by a hostile file name compiles.
/// </summary>
public sealed class KernelCacheCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-cache-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Cache => Path.Combine(_folder, "kernels");

    /// <summary>Three neurons, 100 ms, spikes only: results that fit in 4 KiB.</summary>
    private static readonly string Small = CliTests.Small.Replace("record P.v every 1 ms", "");

    private string Model(string name = "small.neuro", string? text = null)
    {
        text ??= Small;
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Starts <c>neuroc ARGS</c> with the private cache; <paramref name="shell"/> wraps the command (ulimit).</summary>
    private Process Start(IEnumerable<string> args, string? shell = null)
    {
        var command = new[] { "dotnet", typeof(Program).Assembly.Location }.Concat(args).ToArray();
        var start = shell is null ? new ProcessStartInfo(command[0]) : new ProcessStartInfo("bash");
        if (shell is null)
        {
            foreach (var arg in command.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"{shell}; exec \"$@\"");
            start.ArgumentList.Add("neuroc");
            foreach (var arg in command)
            {
                start.ArgumentList.Add(arg);
            }
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["NEUROC_CACHE"] = Cache;
        start.Environment["NEUROC_NO_RELAUNCH"] = "1";
        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Output, string Error)> Finish(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, error);
    }

    private async Task<(int Code, string Output, string Error)> Neuroc(params string[] args)
    {
        using var process = Start(args);
        return await Finish(process);
    }

    private string Spikes(string output) => File.ReadAllText(Path.Combine(_folder, output, "spikes.csv"));

    [Fact]
    public async Task TwoRunsCompilingTheSameModelAtOnceBothSucceedAndLeaveOneEntry()
    {
        string model = Model();
        using var a = Start(new[] { "run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "a"), "--quiet" });
        using var b = Start(new[] { "run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "b"), "--quiet" });
        var results = await Task.WhenAll(Finish(a), Finish(b));
        Assert.All(results, r => Assert.True(r.Code == 0, r.Error));
        Assert.All(results, r => Assert.Equal("", r.Error));
        Assert.Single(Directory.GetFiles(Cache, "*.kernel"));
        Assert.Empty(Directory.GetFiles(Cache, "*.tmp"));
        Assert.Equal(Spikes("a"), Spikes("b"));
        var (code, _, error) = await Neuroc("verify", model);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task AnotherModelsEntryUnderThisKeyIsAWarningAndTheRunGivesTheReferenceSpikes()
    {
        string model = Model();
        string other = Model("other.neuro", Small.Replace("param tau = 10 ms", "param tau = 4 ms"));
        Assert.Equal(0, (await Neuroc("run", model, "--out", Path.Combine(_folder, "reference"), "--quiet")).Code);
        Assert.Equal(0, (await Neuroc("run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "first"), "--quiet")).Code);
        string entry = Assert.Single(Directory.GetFiles(Cache, "*.kernel"));
        Assert.Equal(0, (await Neuroc("run", other, "--backend", "cpu", "--out", Path.Combine(_folder, "other"), "--quiet")).Code);
        Assert.NotEqual(Spikes("reference"), Spikes("other"));
        File.Copy(Directory.GetFiles(Cache, "*.kernel").Single(f => f != entry), entry, overwrite: true);

        var (code, _, error) = await Neuroc("run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "again"), "--quiet");

        Assert.Equal(0, code);
        Assert.StartsWith($"neuroc: warning NC0514: the kernel cache entry {entry} was discarded and the kernels compiled again: it is another key's entry", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(Spikes("reference"), Spikes("again"));
        (code, _, error) = await Neuroc("run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "then"), "--quiet");
        Assert.Equal(0, code);
        Assert.Equal("", error); // repaired
    }

    [Fact]
    public async Task ACacheThatCannotBeWrittenIsAWarningAndTheRunGoesOn()
    {
        // A file-size limit of 4 KiB makes every write of a kernel entry fail (EFBIG), as a full disk would
        // (ENOSPC): the small model's results fit in it, its kernels do not.
        string model = Model();
        using var process = Start(new[] { "run", model, "--backend", "cpu", "--out", Path.Combine(_folder, "limited"), "--quiet" },
            shell: "trap '' XFSZ; ulimit -f 4; export DOTNET_EnableWriteXorExecute=0");
        var (code, _, error) = await Finish(process);
        Assert.True(code == 0, error);
        Assert.StartsWith($"neuroc: warning NC0515: kernels cannot be stored in {Cache}: ", error);
        Assert.Contains("running without the kernel cache", error);
        Assert.Empty(Directory.GetFiles(Cache));
        Assert.Equal(0, (await Neuroc("run", model, "--out", Path.Combine(_folder, "reference"), "--quiet")).Code);
        Assert.Equal(Spikes("reference"), Spikes("limited"));
    }

    [Fact]
    public async Task AModelNamedByAHostileFileNameCompilesAndItsNameStaysInAComment()
    {
        string model = Model("x\n#error injected\n#define FOO.neuro", Small.Replace("model small { dt = 0.1 ms; duration = 100 ms; seed = 7 }", ""));
        var (code, source, error) = await Neuroc("emit-cs", model);
        Assert.True(code == 0, error);
        Assert.StartsWith(@"// <auto-generated> by neuroc (code generator version", source);
        Assert.Contains(@"from model 'x\u000A#error injected\u000A#define FOO'.", source);
        Assert.DoesNotContain("\n#error", source);
        Assert.DoesNotContain("\n#define", source);
        (code, _, error) = await Neuroc("verify", model);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Single(Directory.GetFiles(Cache, "*.kernel"));
    }
}
