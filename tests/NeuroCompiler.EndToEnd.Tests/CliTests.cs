using System.Text.Json;
using NeuroCompiler.Cli;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>neuroc as a user runs it: exit codes, diagnostics, outputs.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Output, string Error) Neuroc(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    internal const string Small = """
        model small { dt = 0.1 ms; duration = 100 ms; seed = 7 }
        param drive = 20 mV
        neuron N {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = (drive - v) / tau
          threshold v > 15 mV
          reset { v = 0 mV }
        }
        population P = N[3] { v = i * 5 mV }
        record spikes P
        record P.v every 1 ms
        """;

    [Fact]
    public void CheckAcceptsAGoodModel()
    {
        var (code, output, error) = Neuroc("check", Write("small.neuro", Small));
        Assert.Equal(0, code);
        Assert.Contains("small: ok", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void ModelErrorsAreDiagnosticsWithLineColumnCaretAndExitCode65()
    {
        string path = Write("bad.neuro", """
            neuron N {
              state v = 0 mV
              dv/dt = v
              threshold v > 1 pA
            }
            population P = N[-3]
            """);
        var (code, _, error) = Neuroc("check", path);
        Assert.Equal(65, code);
        Assert.Contains($"{path}:3:11: error NC0203:", error);
        Assert.Contains($"{path}:4:13: error NC0201: cannot compare V and A", error);
        Assert.Contains($"{path}:6:18: error NC0301:", error);
        Assert.Contains("    ^", error);
        Assert.Contains("3 errors", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void AMissingModelFileOrAFolderIsAUsageErrorNotACrash()
    {
        string missing = Path.Combine(_folder, "nothing.neuro");
        var (code, _, error) = Neuroc("check", missing);
        Assert.Equal(64, code);
        Assert.Contains($"neuroc: error NC0905: there is no file '{missing}' (a .neuro model file)", error);
        (code, _, error) = Neuroc("run", _folder);
        Assert.Equal(64, code);
        Assert.Contains($"neuroc: error NC0905: '{_folder}' is a folder; expected a .neuro model file", error);
    }

    [Fact]
    public void BadUsageExitsWith64()
    {
        Assert.Equal(64, Neuroc("run").Code);
        var (code, _, error) = Neuroc("frobnicate");
        Assert.Equal(64, code);
        Assert.Contains("neuroc: error NC0903: ", error);
        (code, _, error) = Neuroc("run", Write("m.neuro", Small), "--set", "noequals");
        Assert.Equal(64, code);
        Assert.Contains("neuroc: error NC0901: --set expects NAME=VALUE, got 'noequals'", error);
        (code, _, error) = Neuroc("run", Write("m.neuro", Small), "--backend", "quantum");
        Assert.Equal(64, code);
        Assert.Contains("neuroc: error NC0904: unknown backend 'quantum' (available: reference, cpu, gpu)", error);
    }

    /// <summary>
    /// Every option's value is checked by the rule attached to it before anything runs: a usage error,
    /// exit 64, one line naming the option, what it takes and what it got. MODEL stands for a valid
    /// model file, TARGETS for the repository's targets folder.
    /// </summary>
    [Theory]
    [InlineData("run MODEL --threads 0", "NC0904: --threads expects a whole number from 1 to 256; got '0'")]
    [InlineData("run MODEL --threads -3", "NC0904: --threads expects a whole number from 1 to 256; got '-3'")]
    [InlineData("run MODEL --threads 1000", "NC0904: --threads expects a whole number from 1 to 256; got '1000'")]
    [InlineData("run MODEL --threads two", "NC0904: --threads expects a whole number from 1 to 256; got 'two'")]
    [InlineData("run MODEL --seed 18446744073709551616", "NC0904: --seed expects a whole number from 0 to 9007199254740991 (2^53 - 1: a model holds every whole number below 2^53 exactly); got '18446744073709551616'")]
    [InlineData("run MODEL --seed 9007199254740992", "NC0904: --seed expects a whole number from 0 to 9007199254740991")]
    [InlineData("run MODEL --seed -1", "NC0904: --seed expects a whole number from 0 to 9007199254740991")]
    [InlineData("run MODEL --duration 0s", "NC0904: --duration expects a time greater than zero with its unit (e.g. 2s, 500 ms, 1.5 min); got '0s'")]
    [InlineData("run MODEL --duration -5ms", "NC0904: --duration expects a time greater than zero with its unit")]
    [InlineData("run MODEL --duration 5", "NC0904: --duration expects a time greater than zero with its unit")]
    [InlineData("run MODEL --duration 5mV", "NC0904: --duration expects a time greater than zero with its unit")]
    [InlineData("run MODEL --duration 1e400s", "NC0904: --duration expects a time greater than zero with its unit")]
    [InlineData("run MODEL --out", "NC0904: Required argument missing for option: '--out'.")]
    [InlineData("run MODEL --out ", "NC0904: --out expects a folder; got ''")]
    [InlineData("run MODEL --set g", "NC0901: --set expects NAME=VALUE, got 'g'")]
    [InlineData("run MODEL --set g=", "NC0901: --set expects NAME=VALUE, got 'g='")]
    [InlineData("run MODEL --set 2x=1", "NC0901: --set expects NAME=VALUE, got '2x=1'")]
    [InlineData("run MODEL --device cpu-accelerator", "NC0903: --device applies only with --backend gpu")]
    [InlineData("run MODEL --backend gpu --device tpu", "NC0904: unknown device 'tpu' (available: cuda, cpu-accelerator)")]
    [InlineData("verify MODEL --steps -5", "NC0904: --steps expects a whole number from 1 to 1000000000000; got '-5'")]
    [InlineData("verify MODEL --steps 0", "NC0904: --steps expects a whole number from 1 to 1000000000000; got '0'")]
    [InlineData("verify MODEL --backend reference", "NC0904: unknown backend 'reference' (available: cpu, gpu)")]
    [InlineData("verify MODEL --after 1h", "NC0903: --after applies only with --target")]
    [InlineData("verify MODEL --clamp-delays", "NC0903: --clamp-delays applies only with --target")]
    [InlineData("verify MODEL --target loihi-like --steps 5", "NC0903: --steps does not apply with --target")]
    [InlineData("verify MODEL --target pcm-256 --after 0s", "NC0904: --after: '0s' is not a time greater than zero (e.g. 1s, 30min, 1h, 1day, 1week, 1month, 1year)")]
    [InlineData("verify MODEL --target pcm-256 --after 1h,soon", "NC0904: --after: 'soon' is not a time greater than zero")]
    [InlineData("verify MODEL --target pcm-256 --tolerance -0.1", "NC0904: --tolerance expects a number greater than zero; got '-0.1'")]
    [InlineData("verify MODEL --target pcm-256 --tolerance NaN", "NC0904: --tolerance expects a number greater than zero; got 'NaN'")]
    [InlineData("compile MODEL --target loihi-like --objective speed", "NC0904: --objective expects one of cores, traffic; got 'speed'")]
    [InlineData("compile MODEL --target loihi-like --targets MODEL", "NC0905: --targets: 'MODEL' is a file; it expects the folder of target descriptions")]
    [InlineData("compile MODEL --target loihi-like --targets /nowhere", "NC0905: --targets: there is no folder '/nowhere' (the folder of target descriptions)")]
    [InlineData("compile MODEL --target loihi-like --out ", "NC0904: --out expects a folder; got ''")]
    [InlineData("emit-cs MODEL --backend reference", "NC0904: unknown backend 'reference' (available: cpu, gpu)")]
    [InlineData("targets /nowhere.json", "NC0905: there is no file '/nowhere.json' (a target description file)")]
    [InlineData("targets TARGETS", "NC0905: 'TARGETS' is a folder; expected a target description file")]
    [InlineData("targets --dir /nowhere", "NC0905: --dir: there is no folder '/nowhere' (the folder of target descriptions)")]
    [InlineData("ir /nowhere.neuro", "NC0905: there is no file '/nowhere.neuro' (a .neuro model file)")]
    [InlineData("emit-ptx TARGETS", "NC0905: 'TARGETS' is a folder; expected a .neuro model file")]
    public void EveryOptionValueIsCheckedBeforeAnythingRuns(string command, string expected)
    {
        string model = Write("small.neuro", Small);
        string targets = Repository.Path("targets");
        // Split on single spaces, so that a trailing space gives an empty last argument.
        var args = command.Split(' ').Select(a => a.Replace("MODEL", model).Replace("TARGETS", targets)).ToArray();
        var (code, output, error) = Neuroc(args);
        Assert.Equal(64, code);
        Assert.Contains("neuroc: error " + expected.Replace("MODEL", model).Replace("TARGETS", targets), error);
        Assert.Equal("", output);
    }

    [Fact]
    public void EveryErrorOnTheCommandLineIsReportedAtOnce()
    {
        var (code, _, error) = Neuroc("verify", Write("small.neuro", Small), "--steps", "0", "--after", "1h", "--device", "tpu");
        Assert.Equal(64, code);
        Assert.Contains("NC0904: --steps expects", error);
        Assert.Contains("NC0903: --after applies only with --target", error);
        Assert.Contains("NC0904: unknown device 'tpu'", error);
    }

    [Fact]
    public void AnUnknownTargetIsNamedWithTheTargetsThereAre()
    {
        var (code, _, error) = Neuroc("compile", Write("m.neuro", Small), "--target", "abacus", "--targets", Repository.Path("targets"));
        Assert.NotEqual(0, code);
        Assert.Contains("neuroc: error NC0709: ", error);
        Assert.Contains("abacus", error);
    }

    /// <summary>v grows as v² and overflows at step 15 (neuron 2 starts highest); G spikes at steps 3 and 40.</summary>
    private const string Diverging = """
        model diverging { dt = 0.1 ms; duration = 10 ms; seed = 7 }
        neuron N {
          param tau = 1 ms
          state v = 1 + i / 2
          dv/dt = v * v / tau
          method euler
        }
        population G = SpikeGenerator[1] { indices = [0, 0]; times = [0.3 ms, 4 ms] }
        population P = N[3]
        record spikes G
        record P.v every 0.1 ms
        """;

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void ARunWhoseStateStopsBeingFiniteExitsWith70AndKeepsTheStepsBefore(string backend)
    {
        string output = Path.Combine(_folder, $"diverging-{backend}");
        var (code, text, error) = Neuroc("run", Write("diverging.neuro", Diverging), "--backend", backend, "--out", output);
        Assert.Equal(70, code);
        Assert.Contains("diverging:", text); // the summary of what ran is printed
        Assert.Equal($"neuroc: error NC0503: P[2].v became +Inf at step 15 (t = 1.5 ms); the results up to step 14 are written to {output}",
            error.Trim());
        Assert.Equal(new[] { "population,index,time_ms", "G,0,0.3" }, File.ReadAllLines(Path.Combine(output, "spikes.csv")));
        var trace = File.ReadAllLines(Path.Combine(output, "trace_P_v.csv"));
        Assert.Equal(16, trace.Length); // steps 0-14 and a header
        Assert.StartsWith("1.4,", trace[^1]);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(15, root.GetProperty("steps").GetInt64());
        Assert.Equal(0.0015, root.GetProperty("duration_s").GetDouble(), 12);
        var failure = root.GetProperty("failure");
        Assert.Equal("non-finite value", failure.GetProperty("reason").GetString());
        Assert.Equal("P[2].v", failure.GetProperty("variable").GetString());
        Assert.Equal("+Inf", failure.GetProperty("value").GetString());
        Assert.Equal("update", failure.GetProperty("origin").GetString());
        Assert.Equal(15, failure.GetProperty("step").GetInt64());
        Assert.Equal(1.5, failure.GetProperty("time_ms").GetDouble(), 12);
        Assert.Equal(1, root.GetProperty("populations")[0].GetProperty("spikes").GetInt64());
    }

    [Fact]
    public void ARunThatStaysFiniteSaysSoInItsSummary()
    {
        string output = Path.Combine(_folder, "finite");
        Assert.Equal(0, Neuroc("run", Write("small.neuro", Small), "--out", output, "--quiet").Code);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.False(summary.RootElement.TryGetProperty("failure", out _));
    }

    [Fact]
    public void VerifyOfADivergingModelFindsBothRunsStoppingAtTheSamePlace()
    {
        var (code, output, error) = Neuroc("verify", Write("diverging.neuro", Diverging), "--backend", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("identical:", output);
        Assert.Contains("both runs stopped where the same value stopped being finite: P[2].v became +Inf at step 15 (t = 1.5 ms)", output);
    }

    [Fact]
    public void VerifyAgainstATargetRefusesAReferenceRunThatStopped()
    {
        string path = Write("nanweight.neuro", """
            import "std/neurons"
            import "std/synapses"
            model nanweight { dt = 0.1 ms; duration = 50 ms; seed = 7 }
            population E = LIF[20]
            projection ee = E -> E : CurrentExc { connect fixed_probability(0.5); w = where(i == 3, log(j - 30), 50) * 1 pA }
            """);
        var (code, output, error) = Neuroc("verify", path, "--target", "loihi-like", "--targets", Repository.Path("targets"));
        Assert.Equal(70, code);
        Assert.StartsWith("neuroc: error NC0503: the model's reference run stopped: ee.w[", error);
        Assert.Contains("(synapse from E[3] to E[", error);
        Assert.Contains("is NaN in its initial value, at step 0 (t = 0 ms)", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void RunWritesSpikesTracesAndASummary()
    {
        string output = Path.Combine(_folder, "out");
        var (code, text, error) = Neuroc("run", Write("small.neuro", Small), "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("small:", text);
        var spikes = File.ReadAllLines(Path.Combine(output, "spikes.csv"));
        Assert.Equal("population,index,time_ms", spikes[0]);
        Assert.True(spikes.Length > 3);
        Assert.All(spikes.Skip(1), line => Assert.StartsWith("P,", line));
        var trace = File.ReadAllLines(Path.Combine(output, "trace_P_v.csv"));
        Assert.Equal("time_ms,P[0],P[1],P[2]", trace[0]);
        Assert.Equal(101, trace.Length); // 100 samples (every 1 ms of 100 ms) and a header
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("small", root.GetProperty("model").GetString());
        Assert.Equal("reference", root.GetProperty("backend").GetString());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(0.1, root.GetProperty("dt_ms").GetDouble(), 12);
        Assert.Equal(0.1, root.GetProperty("duration_s").GetDouble(), 12);
        var population = root.GetProperty("populations")[0];
        Assert.Equal(3, population.GetProperty("size").GetInt32());
        Assert.Equal(spikes.Length - 1, population.GetProperty("spikes").GetInt64());
        Assert.True(population.GetProperty("mean_rate_hz").GetDouble() > 0);
        Assert.True(root.GetProperty("wall_time_s").GetProperty("simulation").GetDouble() >= 0);
        Assert.Empty(Directory.GetDirectories(output)); // no staging folder left behind
    }

    [Fact]
    public void TheCpuBackendWritesWhatTheReferenceWrites()
    {
        string path = Write("small.neuro", Small);
        string reference = Path.Combine(_folder, "reference");
        string cpu = Path.Combine(_folder, "cpu");
        Assert.Equal(0, Neuroc("run", path, "--out", reference, "--quiet").Code);
        var (code, _, error) = Neuroc("run", path, "--backend", "cpu", "--threads", "2", "--out", cpu, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "spikes.csv")), File.ReadAllText(Path.Combine(cpu, "spikes.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "trace_P_v.csv")), File.ReadAllText(Path.Combine(cpu, "trace_P_v.csv")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(cpu, "summary.json")));
        Assert.Equal("cpu", summary.RootElement.GetProperty("backend").GetString());
    }

    [Fact]
    public void VerifySaysIdenticalAndExitsZero()
    {
        var (code, output, error) = Neuroc("verify", Write("small.neuro", Small), "--steps", "500");
        Assert.True(code == 0, error);
        Assert.Contains("small: reference vs cpu, 500 steps", output);
        Assert.Contains("identical:", output);
        Assert.Contains("bit for bit", output);
    }

    [Fact]
    public void EmitCsPrintsTheKernels()
    {
        var (code, output, _) = Neuroc("emit-cs", Write("small.neuro", Small));
        Assert.Equal(0, code);
        Assert.Contains("public static int Update0(PopulationArrays<double> a", output);
        Assert.Contains("candidates[count++] = i;", output);
    }

    [Fact]
    public void TheGpuBackendRunsOnCudaOrSaysThereIsNoGpuAndHowToGoOn()
    {
        var (code, output, error) = Neuroc("run", Write("small.neuro", Small), "--backend", "gpu", "--out", Path.Combine(_folder, "gpu"));
        if (code == 0)
        {
            Assert.Contains("gpu (CUDA: ", output); // a machine with an NVIDIA GPU
            return;
        }
        Assert.Equal(70, code);
        Assert.Contains("error NC0505: no NVIDIA GPU was found", error);
        Assert.Contains("--device cpu-accelerator", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_folder, "gpu")));
    }

    [Fact]
    public void RunAndVerifyStartAgainWithWideVectorsOnlyWhereTheyHelp()
    {
        static string? None(string _) => null;
        Assert.True(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, accelerated512: true, vectorBytes: 32, None));
        Assert.True(WideVectors.ShouldRelaunch(new[] { "verify", "m.neuro" }, true, 32, None));
        Assert.False(WideVectors.ShouldRelaunch(new[] { "check", "m.neuro" }, true, 32, None)); // nothing to simulate
        Assert.False(WideVectors.ShouldRelaunch(Array.Empty<string>(), true, 32, None));
        Assert.False(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, false, 32, None)); // no AVX-512
        Assert.False(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, true, 64, None)); // already 512 bits
        Assert.False(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, true, 32, v => v == "DOTNET_MaxVectorTBitWidth" ? "256" : null)); // the user chose
        Assert.False(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, true, 32, v => v == "NEUROC_NO_RELAUNCH" ? "1" : null));
        Assert.True(WideVectors.ShouldRelaunch(new[] { "run", "m.neuro" }, false, 32, v => v == "NEUROC_FORCE_RELAUNCH" ? "1" : null)); // for testing the relaunch anywhere
        Assert.False(WideVectors.ShouldRelaunch(new[] { "check", "m.neuro" }, false, 32, v => v == "NEUROC_FORCE_RELAUNCH" ? "1" : null));
    }

    [Theory]
    [InlineData("128")]
    [InlineData("512")]
    public async Task TheCpuBackendGivesTheSameBitsAtEveryVectorWidth(string bits)
    {
        // The tests run at the runtime's default width (256 bits); a child neuroc at 128 bits (and at
        // 512 where the processor accelerates it, as neuroc run uses by default there) must still
        // verify bit for bit against the reference, with exponential Euler's vector exp (COBA).
        if (bits == "512" && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            return;
        }
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "verify", Repository.Path("samples", "coba.neuro"), "--backend", "cpu", "--steps", "600" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_MaxVectorTBitWidth"] = bits;
        start.Environment["NEUROC_CACHE"] = Path.Combine(_folder, "kernels");
        using var child = System.Diagnostics.Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        string error = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, error + await output);
        Assert.Contains("identical:", await output);
    }

    [Fact]
    public void TheGpuKernelsRunAndVerifyOnTheCpuAccelerator()
    {
        string model = Write("small.neuro", Small);
        var (code, output, error) = Neuroc("verify", model, "--backend", "gpu", "--device", "cpu-accelerator", "--steps", "300");
        Assert.True(code == 0, error);
        Assert.Contains("small: reference vs gpu, 300 steps", output);
        Assert.Contains("device: ILGPU CPU accelerator, whole step on the device", output);
        Assert.Contains("identical:", output);
        (code, output, error) = Neuroc("run", model, "--backend", "gpu", "--device", "cpu-accelerator", "--out", Path.Combine(_folder, "gpu"));
        Assert.True(code == 0, error);
        Assert.Contains("gpu (ILGPU CPU accelerator, whole step on the device) backend", output);
        Assert.Contains("\"device\": \"ILGPU CPU accelerator, whole step on the device\"", File.ReadAllText(Path.Combine(_folder, "gpu", "summary.json")));
    }

    [Fact]
    public void EmitCsAndEmitPtxShowTheGpuKernels()
    {
        string model = Write("small.neuro", Small);
        var (code, output, _) = Neuroc("emit-cs", model, "--backend", "gpu");
        Assert.Equal(0, code);
        Assert.Contains("public static void Kernel0(Index1D k, Views0 v, int start, long step, double t, ulong seed)", output);
        Assert.Contains("fired[i] = fire;", output);
        (code, output, _) = Neuroc("emit-ptx", model);
        Assert.Equal(0, code);
        Assert.Contains(".entry", output);
        Assert.Contains("mul.rn.f64", output);
        Assert.DoesNotContain(".approx", output);
    }

    [Fact]
    public void PlotDrawsPngPictures()
    {
        string output = Path.Combine(_folder, "plots");
        var (code, _, error) = Neuroc("run", Write("small.neuro", Small), "--out", output, "--plot", "--quiet");
        Assert.True(code == 0, error);
        foreach (var name in new[] { "raster.png", "rates.png", "traces.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(output, name));
            Assert.True(bytes.Length > 1000, $"{name} has {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4));
        }
    }

    [Fact]
    public void SetOverridesAModelParamWithUnitsChecked()
    {
        string path = Write("small.neuro", Small);
        string low = Path.Combine(_folder, "low");
        string high = Path.Combine(_folder, "high");
        Assert.Equal(0, Neuroc("run", path, "--out", low, "--set", "drive=16mV").Code);
        Assert.Equal(0, Neuroc("run", path, "--out", high, "--set", "drive=40 mV").Code);
        Assert.True(File.ReadAllLines(Path.Combine(high, "spikes.csv")).Length > File.ReadAllLines(Path.Combine(low, "spikes.csv")).Length);

        var (code, _, error) = Neuroc("run", path, "--set", "drive=3 ms");
        Assert.Equal(65, code);
        Assert.Contains("<command line>:1:7: error NC0201: --set drive must have unit V, but this has unit s", error);
        (code, _, error) = Neuroc("run", path, "--set", "drove=3 mV");
        Assert.Equal(65, code);
        Assert.Contains("did you mean 'drive'?", error);
    }

    [Fact]
    public void SeedAndDurationOptionsOverrideTheModel()
    {
        string path = Write("small.neuro", Small);
        string output = Path.Combine(_folder, "o");
        Assert.Equal(0, Neuroc("run", path, "--out", output, "--seed", "99", "--duration", "50 ms", "--quiet").Code);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal(99UL, summary.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal(500, summary.RootElement.GetProperty("steps").GetInt64());
        // Through --set the seed is a model value: 2^53 + 1 would read as 2^53, so it is refused there too.
        var (code, _, error) = Neuroc("run", path, "--set", "seed=9007199254740993");
        Assert.Equal(65, code);
        Assert.Contains("<command line>:1:6: error NC0307: the seed must be a whole number from 0 to 2^53 - 1", error);
    }

    [Fact]
    public void AFileWhereTheOutputFolderShouldGoIsRefusedAndKept()
    {
        string output = Path.Combine(_folder, "blocked");
        File.WriteAllText(output, "a file where the output folder should go");
        var (code, _, error) = Neuroc("run", Write("small.neuro", Small), "--out", output);
        Assert.Equal(64, code);
        Assert.Contains($"neuroc: error NC0906: will not write '{output}': it is a file, not a folder", error);
        Assert.Equal("a file where the output folder should go", File.ReadAllText(output));
    }

    [Fact]
    public void AnOutputFolderThatCannotBeMadeIsARuntimeFailureWithNothingLeft()
    {
        string blocking = Write("plain.txt", "a file where a folder on the way should be");
        var (code, output, error) = Neuroc("run", Write("small.neuro", Small), "--out", Path.Combine(blocking, "results"));
        Assert.Equal(70, code);
        Assert.Contains($"neuroc: error NC0504: cannot write to '{Path.Combine(blocking, "results")}': ", error);
        Assert.Equal("", output);
        Assert.Equal("a file where a folder on the way should be", File.ReadAllText(blocking));
    }

    [Fact]
    public void RunReplacesItsEarlierResultFolderWholeAndRefusesAnyOtherFolder()
    {
        string path = Write("small.neuro", Small);
        string output = Path.Combine(_folder, "results");
        Assert.Equal(0, Neuroc("run", path, "--out", output, "--quiet").Code);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "added by hand");
        string noTrace = Write("notrace.neuro", Small.Replace("record P.v every 1 ms", ""));
        var (code, _, error) = Neuroc("run", noTrace, "--out", output, "--quiet");
        Assert.True(code == 0, error);
        // Whole: the trace and the notes of the earlier folder are gone, not merged with the new results.
        Assert.Equal(new[] { ".neuroc-result", "spikes.csv", "summary.json" }, Directory.GetFiles(output).Select(Path.GetFileName).Order());

        string foreign = Path.Combine(_folder, "papers");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "draft.tex"), "mine");
        (code, _, error) = Neuroc("run", path, "--out", foreign);
        Assert.Equal(64, code);
        Assert.Contains($"neuroc: error NC0906: will not write '{foreign}': it is a folder neuroc did not write (it has no .neuroc-result file)", error);
        Assert.Equal(new[] { "draft.tex" }, Directory.GetFiles(foreign).Select(Path.GetFileName));
        (code, _, error) = Neuroc("run", path, "--out", "/");
        Assert.Equal(64, code);
        Assert.Contains("neuroc: error NC0906: will not write '/': it is the root of the file system", error);
    }

    [Fact]
    public void CompileWritesItsConfigurationFolderTheSameWay()
    {
        string foreign = Path.Combine(_folder, "config");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "mine.json"), "{}");
        var (code, _, error) = Neuroc("compile", Repository.Path("samples", "cuba.neuro"), "--target", "loihi-like", "--targets", Repository.Path("targets"),
            "--out", foreign, "--set", "duration=10 ms");
        Assert.Equal(64, code);
        Assert.Contains("error NC0906", error);
        Assert.Equal(new[] { "mine.json" }, Directory.GetFiles(foreign).Select(Path.GetFileName));
    }

    [Fact]
    public void IrPrintsTheChosenIntegratorAndFoldedValues()
    {
        var (code, output, _) = Neuroc("ir", Write("small.neuro", Small));
        Assert.Equal(0, code);
        Assert.Contains("integrator exact over [v]", output);
        Assert.Contains("param tau = 0.01 s", output);
        Assert.Contains("threshold v > 0.015", output);
    }

    [Fact]
    public void AModelTooLargeForMemoryIsRefusedBeforeAllocation()
    {
        var (code, _, error) = Neuroc("run", Write("huge.neuro", """
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population P = N[1000000]
            projection all = P -> P : S { connect all_to_all }
            """));
        Assert.Equal(70, code);
        Assert.Contains("error NC0501: the model needs about", error);
        Assert.Contains("nothing was allocated", error);
    }

    [Fact]
    public void ARecordingTooLargeForMemoryIsRefusedBeforeAnythingIsAllocated()
    {
        // The reported case (20,000 neurons' v every step for 60 s: 96 GB of samples), an hour long here so
        // that it is too large on any machine. It is refused with the estimate broken down, at the
        // recording, before the run allocates anything: the whole command allocates less on this thread
        // than one second of those samples would take.
        string path = Write("big.neuro", """
            import "std/neurons"
            model big { dt = 0.1 ms; duration = 1 h; seed = 1 }
            population P = LIF[20000]
            record P.v every 0.1 ms
            """);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (code, output, error) = Neuroc("run", path, "--out", Path.Combine(_folder, "big"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(70, code);
        Assert.Equal("", output);
        Assert.Contains("big.neuro:4:8: error NC0501: the model needs about 5.2 TiB (0 synapses, 20,000 neurons), more than the ", error);
        Assert.Contains("available; nothing was allocated: recordings 5.2 TiB (record P.v every 0.1 ms: 20,000 neurons × 36,000,000 samples × 8 B), runtime 60.0 MiB, neurons 3.8 MiB", error);
        Assert.Contains("  record P.v every 0.1 ms\n         ^~~\n", error);
        Assert.True(allocated < 10_000 * 20_000 * 8L, $"{allocated:N0} bytes allocated");
        Assert.False(Directory.Exists(Path.Combine(_folder, "big")));
    }

    [Fact]
    public void ARunThatRecordsMoreSpikesThanTheMemoryLeftHoldsStopsAtTheRecording()
    {
        // The estimate assumes 10 Hz; these neurons fire at 500 Hz. With 64 MiB for the run, what is left
        // after the rest of the estimate holds about 350,000 spikes: the run stops within its first second.
        string path = Write("busy.neuro", """
            import "std/neurons"
            model busy { dt = 0.1 ms; duration = 2 s; seed = 1 }
            population P = Poisson[1000] { rate = 500 Hz }
            record spikes P
            """);
        string output = Path.Combine(_folder, "busy");
        var (code, _, error) = Neuroc("run", path, "--memory", "64MiB", "--out", output);
        Assert.Equal(70, code);
        Assert.Contains($"busy.neuro:4:15: error {DiagnosticCatalogue.Text(ErrorCode.RecordedSpikesExceedMemory)}: the run recorded ", error);
        Assert.Contains("the memory left holds (the estimate assumed 10 Hz); it was stopped and nothing was written: record the spikes of fewer neurons, or run for a shorter time", error);
        Assert.False(Directory.Exists(output));
        // With the machine's memory it runs.
        Assert.Equal(0, Neuroc("run", path, "--out", output, "--quiet").Code);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-5MiB")]
    [InlineData("0")]
    [InlineData("99999999999TiB")]
    public void MemoryThatIsNotASizeIsAUsageError(string size)
    {
        var (code, _, error) = Neuroc("run", Write("small.neuro", Small), "--memory", size, "--out", Path.Combine(_folder, "m"));
        Assert.Equal(64, code);
        Assert.Contains($"error {DiagnosticCatalogue.Text(ErrorCode.InvalidOptionValue)}: --memory expects an amount of memory with a unit (e.g. 512MiB, 4GiB, 2GB); got '{size}'", error);
    }

    [Fact]
    public void TargetsListsTheRepositorysTargetsAndChecksFiles()
    {
        var (code, output, error) = Neuroc("targets", "--dir", Repository.Path("targets"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        foreach (var name in new[] { "rram-1t1r-128", "pcm-256", "loihi-like", "truenorth-like" })
        {
            Assert.Contains(name, output);
        }
        string bad = Write("bad.json", File.ReadAllText(Repository.Path("targets", "pcm-256.json")).Replace("\"rows\": 256", "\"rows\": -1"));
        (code, output, error) = Neuroc("targets", bad, Repository.Path("targets", "loihi-like.json"));
        Assert.Equal(65, code);
        Assert.Contains("loihi-like: ok", output);
        Assert.Contains("bad.json:5:22: error NC0705: 'array.rows' is -1", error);
        Assert.Contains("^~", error);
    }

    [Fact]
    public void CompileMapsCubaOntoDigitalAndCrossbarTargetsAndExplainsWhatItCannot()
    {
        string cuba = Repository.Path("samples", "cuba.neuro");
        string targets = Repository.Path("targets");
        string outDir = Path.Combine(_folder, "cuba-loihi");
        var (code, output, error) = Neuroc("compile", cuba, "--target", "loihi-like", "--targets", targets, "--out", outDir, "--set", "duration=200 ms");
        Assert.True(code == 0, error);
        Assert.Contains("8 of 128 cores", output);
        Assert.Contains("| P | ge | 5 |", output);
        foreach (var file in new[] { "manifest.json", "core-0000.json", "core-0007.json", "report.json", "report.md" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        }
        (code, _, error) = Neuroc("compile", cuba, "--target", "truenorth-like", "--targets", targets, "--out", Path.Combine(_folder, "tn"), "--set", "duration=100 ms");
        Assert.Equal(65, code);
        Assert.Contains("error NC0711", error);
        Assert.Contains("fan-out", error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "tn")) && Directory.EnumerateFiles(Path.Combine(_folder, "tn")).Any(), "nothing written on failure");
        string pcm = Path.Combine(_folder, "cuba-pcm");
        (code, output, error) = Neuroc("compile", cuba, "--target", "pcm-256", "--targets", targets, "--out", pcm, "--set", "duration=100 ms");
        Assert.True(code == 0, error);
        Assert.Contains("tiles of 256×256", output);
        Assert.True(File.Exists(Path.Combine(pcm, "tile-0000.json")) && File.Exists(Path.Combine(pcm, "report.md")));
        (code, _, error) = Neuroc("compile", cuba, "--target", "loihi-lik", "--targets", targets);
        Assert.Equal(65, code);
        Assert.Contains("unknown target 'loihi-lik'; did you mean 'loihi-like'?", error);
    }

    [Fact]
    public void VerifyAgainstATargetComparesTheModelWithItsEmulatedMapping()
    {
        var (code, output, error) = Neuroc("verify", Repository.Path("samples", "cuba.neuro"), "--target", "loihi-like",
            "--targets", Repository.Path("targets"), "--set", "duration=300 ms");
        Assert.True(code == 0, error);
        Assert.Contains("ideal model vs its mapping onto loihi-like (8 cores, device step 1 ms", output);
        Assert.Matches(@"P\s+\d+\.\d{3} Hz\s+\d+\.\d{3} Hz", output);
        (code, _, error) = Neuroc("verify", Repository.Path("samples", "coba.neuro"), "--target", "loihi-like", "--targets", Repository.Path("targets"));
        Assert.Equal(65, code);
        Assert.Contains("is not leaky integrate-and-fire", error);
    }
}
