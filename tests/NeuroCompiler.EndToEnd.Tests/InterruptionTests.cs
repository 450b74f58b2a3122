using System.Runtime.InteropServices;
using NeuroCompiler.Cli;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Stopping neuroc: Ctrl-C and SIGTERM stop a run at a step boundary and keep the earlier results;
/// killing neuroc kills the child a relaunch started (NEUROC_FORCE_RELAUNCH takes that path on any
/// processor); a second writer of a folder another process is writing fails at once.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-stop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Three neurons: quick for a short run; a long one (--duration 20000s, 2e8 steps) runs far longer than any test waits.</summary>
    private const string Small = """
        model small { dt = 0.1 ms; duration = 10 ms; seed = 7 }
        neuron N {
          state v = 0 mV
          dv/dt = (20 mV - v) / (10 ms)
          threshold v > 15 mV
          reset { v = 0 mV }
        }
        population P = N[3]
        record spikes P
        """;

    private string Model()
    {
        string path = Path.Combine(_folder, "small.neuro");
        File.WriteAllText(path, Small);
        return path;
    }

    /// <summary>A complete result folder from a short run, and its summary (what "as it was" means).</summary>
    private string EarlierResult(string model, string folder)
    {
        var error = new StringWriter();
        Assert.True(Program.Run(new[] { "run", model, "--out", folder, "--quiet" }, new StringWriter(), error) == 0, error.ToString());
        return File.ReadAllText(Path.Combine(folder, "summary.json"));
    }

    private Dictionary<string, string> Variables(bool relaunch) => new()
    {
        ["NEUROC_CACHE"] = Path.Combine(_folder, "kernels"),
        [relaunch ? WideVectors.ForceVariable : "NEUROC_NO_RELAUNCH"] = "1",
    };

    private string[] Leftovers() => Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ToArray()!;

    [Fact]
    public async Task CtrlCStopsTheSimulationAtAStepBoundaryAndKeepsTheEarlierResults()
    {
        string model = Model();
        string results = Path.Combine(_folder, "results");
        string before = EarlierResult(model, results);
        var error = new StringWriter();
        int? terminated = null;
        using var interruption = new Interruption(error, code => terminated = code);
        // The run holds the folder's lock from just before its first step: then it is inside the simulation.
        var press = Task.Run(() =>
        {
            SpinWait.SpinUntil(() => NeurocProcess.Locked(results), TimeSpan.FromSeconds(90));
            interruption.Request(PosixSignal.SIGINT);
        });
        int code = Program.Run(new[] { "run", model, "--out", results, "--duration", "20000 s", "--quiet" }, new StringWriter(), error, interruption);
        await press;
        Assert.True(code == 130, error.ToString());
        Assert.Contains($"neuroc: error NC0507: interrupted by SIGINT: the simulation stopped at a step boundary; nothing was written ('{results}' is as it was)", error.ToString());
        Assert.Null(terminated);
        Assert.Equal(before, File.ReadAllText(Path.Combine(results, "summary.json")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task CtrlCStopsVerifyAtAStepBoundary()
    {
        var error = new StringWriter();
        var output = new StringWriter();
        int? terminated = null;
        using var interruption = new Interruption(error, code => terminated = code);
        var press = Task.Run(() =>
        {
            SpinWait.SpinUntil(() => interruption.GracefulNow, TimeSpan.FromSeconds(90));
            interruption.Request(PosixSignal.SIGINT);
        });
        int code = Program.Run(new[] { "verify", Model(), "--set", "duration=20000 s" }, output, error, interruption);
        await press;
        Assert.True(code == 130, error.ToString());
        Assert.Contains("neuroc: error NC0507: interrupted by SIGINT: the comparison stopped at a step boundary", error.ToString());
        Assert.Null(terminated);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ASignalWhereNothingIsBeingWrittenEndsTheProcessAtOnceWithOneLine()
    {
        var error = new StringWriter();
        int? terminated = null;
        using var interruption = new Interruption(error, code => terminated = code);
        interruption.Request(PosixSignal.SIGTERM);
        Assert.Equal(143, terminated);
        Assert.Equal("neuroc: error NC0507: interrupted by SIGTERM: stopped at once (no output was being written)" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task SigtermStopsARelaunchedRunCleanlyAndASecondWriterOfItsFolderFailsMeanwhile()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the relaunch, and /proc, are Linux's
        }
        string model = Model();
        string results = Path.Combine(_folder, "results");
        string before = EarlierResult(model, results);
        using var neuroc = NeurocProcess.Start(new[] { "run", model, "--out", results, "--duration", "20000 s", "--quiet" }, Variables(relaunch: true));
        Assert.True(neuroc.WaitUntil(() => NeurocProcess.Locked(results)), neuroc.ToString());
        var child = Assert.Single(neuroc.Children()); // the relaunched neuroc, which runs the simulation

        var error = new StringWriter();
        Assert.Equal(70, Program.Run(new[] { "run", model, "--out", results, "--quiet" }, new StringWriter(), error));
        Assert.Contains($"neuroc: error NC0506: another neuroc is writing '{results}' now; wait for it to finish, or choose another folder", error.ToString());

        neuroc.Signal(15); // SIGTERM to the parent alone: it passes it on
        var (code, output, stopped) = await neuroc.Exit();
        Assert.True(code == 143, stopped);
        string expected = $"neuroc: error NC0507: interrupted by SIGTERM: the simulation stopped at a step boundary; nothing was written ('{results}' is as it was)";
        Assert.True(stopped.Contains(expected), stopped);
        Assert.Equal("", output);
        Assert.True(NeurocProcess.WaitUntilGone(child));
        Assert.Equal(before, File.ReadAllText(Path.Combine(results, "summary.json")));
        Assert.Empty(Leftovers());
        Assert.False(NeurocProcess.Locked(results));
    }

    [Fact]
    public void KillingNeurocKillsTheChildItRelaunchedBeforeTheChildWritesAnything()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        string results = Path.Combine(_folder, "orphan");
        using var neuroc = NeurocProcess.Start(new[] { "run", Model(), "--out", results, "--duration", "20000 s", "--quiet" }, Variables(relaunch: true));
        Assert.True(neuroc.WaitUntil(() => NeurocProcess.Locked(results)), neuroc.ToString());
        var child = Assert.Single(neuroc.Children());
        Assert.True(NeurocProcess.Alive(child));

        neuroc.KillHard(); // SIGKILL: the parent cannot pass anything on; the kernel kills the child
        Assert.True(NeurocProcess.WaitUntilGone(child), $"the relaunched child {child} outlived its parent");
        Assert.False(NeurocProcess.Locked(results), "the folder is still locked");
        Assert.False(Directory.Exists(results), "the folder was written");
    }
}
