using System.Diagnostics;
using NeuroCompiler.Cli;
using NeuroCompiler.Core;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// The reported cases of issue 12's items 2, 8 and 11, as a user meets them: values that are not finite or
/// absurd, imports of files that are not models, and language traps. Each ends with a coded diagnostic and
/// exit 65 (never a stack trace, a hang, an endless run or a half-written folder); cases that hung before run
/// under a deadline.
/// </summary>
public sealed class InputTrustCliTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-trust-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Output, string Error) Neuroc(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var run = Task.Run(() => Program.Run(args, output, error));
        Assert.True(run.Wait(Deadline), $"neuroc {string.Join(' ', args)} did not finish within {Deadline.TotalSeconds} s");
        return (run.Result, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Lif = """
        import "std/neurons"
        population P = LIF[10] { I = 400 pA }
        record spikes P

        """;

    private static void AModelError(int code, string error, string expected)
    {
        Assert.Equal(ExitCodes.ModelError, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("internal error", error);
    }

    // ---- item 2: values that are not finite, or absurd ------------------------------------------

    [Theory]
    [InlineData("param g = 1e400\npopulation Q = LIF[1] { I = g * 1 pA }", "m.neuro:4:11: error NC0312: 1e400 is too large")]
    [InlineData("param g = 1e300 * 1e300", "m.neuro:4:11: error NC0312: this is infinite")]
    [InlineData("param g = 0/0", "m.neuro:4:11: error NC0312: this divides by zero, so it is not a number (NaN)")]
    [InlineData("param g = log(-1)", "m.neuro:4:11: error NC0312: log of -1 is not a number (NaN)")]
    [InlineData("model m { duration = 1e400 s }", "m.neuro:4:22: error NC0312: 1e400 s is too large")]
    [InlineData("model m { duration = 1e30 s }", "m.neuro:4:22: error NC0313: the run of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 1,000,000,000,000 steps")]
    [InlineData("model m { dt = 1e400 ms }", "m.neuro:4:16: error NC0312: 1e400 ms is too large")]
    [InlineData("model m { dt = 1e30 s }", "m.neuro:4:16: error NC0314: the run of 1 s is shorter than one time step (dt = 1E+30 s)")]
    [InlineData("import \"std/synapses\"\nprojection p = P -> P : CurrentExc { connect all_to_all; w = 1 pA; delay = 1e30 s }",
        "m.neuro:5:76: error NC0313: a delay of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 1,000,000 steps")]
    public void ValuesThatAreNotFiniteOrAbsurdAreErrorsBeforeTheRun(string line, string expected)
    {
        string output = Path.Combine(_folder, "out");
        var (code, _, error) = Neuroc("run", Write("m.neuro", Lif + line), "--out", output);
        AModelError(code, error, expected.Replace("m.neuro", Path.Combine(_folder, "m.neuro")));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("g=1e400", "<command line>:1:3: error NC0312: 1e400 is too large")]
    [InlineData("duration=1e30s", "<command line>:1:10: error NC0313: the run of 1E+30 s is 1E+34 time steps")]
    [InlineData("dt=1e400ms", "<command line>:1:4: error NC0312: 1e400ms is too large")]
    public void SetValuesAreCheckedTheSameWay(string set, string expected)
    {
        var (code, _, error) = Neuroc("run", Write("m.neuro", Lif + "param g = 1\n"), "--set", set, "--out", Path.Combine(_folder, "out"));
        AModelError(code, error, expected);
    }

    // ---- item 8: imports read anything ------------------------------------------------------------

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/dev/stdin")]
    [InlineData("/proc/self/environ")]
    [InlineData("../../../../../../../../etc/passwd")]
    public void AnImportOfAFileThatIsNotAModelIsNotRead(string import)
    {
        var (code, _, error) = Neuroc("check", Write("m.neuro", $"import \"{import}\"\n" + Lif));
        AModelError(code, error, $"error NC0105: cannot find import \"{import}\" (imports are .neuro files: it was looked for as \"{import}.neuro\")");
        Assert.DoesNotContain("PATH=", error);
        Assert.DoesNotContain("root:", error);
    }

    [Theory]
    [InlineData("/dev/zero", "NC0122: '/dev/zero' is a character device, not a regular file with a model in it")]
    [InlineData("/dev/urandom", "NC0122: '/dev/urandom' is a character device")]
    [InlineData("/proc/self/environ", "NC0122: '/proc/self/environ' holds more than the 0 bytes its size says")]
    [InlineData("/etc/passwd", "")]
    [InlineData("/tmp", "NC0905: '/tmp' is a folder; expected a .neuro model file")]
    public void ALinkNamedLikeAModelToAFileThatIsNotOneIsNotRead(string target, string mainFileError)
    {
        if (!OperatingSystem.IsLinux() || !Path.Exists(target))
        {
            return;
        }
        File.CreateSymbolicLink(Path.Combine(_folder, "lib.neuro"), target);
        var (code, _, error) = Neuroc("check", Write("m.neuro", "import \"lib\"\n" + Lif));
        AModelError(code, error, "error NC0122: cannot import \"lib\": '" + Path.Combine(_folder, "lib.neuro") + "' is a link to a file whose name does not end in .neuro");
        Assert.DoesNotContain("PATH=", error);
        Assert.DoesNotContain("root:", error);
        if (mainFileError.Length > 0)
        {
            // Named on the command line, the file itself is checked the same way (a folder is a usage error, exit 64).
            (code, _, error) = Neuroc("check", target);
            if (mainFileError.StartsWith("NC09", StringComparison.Ordinal))
            {
                Assert.Equal(ExitCodes.Usage, code);
                Assert.Contains("neuroc: error " + mainFileError, error);
            }
            else
            {
                AModelError(code, error, "neuroc: error " + mainFileError);
            }
            Assert.DoesNotContain("PATH=", error);
        }
    }

    [Fact]
    public void TheStandardInputIsNotReadAsAModel()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var (code, _, error) = Neuroc("check", "/dev/stdin");
        Assert.Equal(ExitCodes.ModelError, code);
        Assert.Matches("neuroc: error NC0122: '/dev/stdin' is a (character device|pipe|socket)", error);
    }

    [Fact]
    public void APipeIsRefusedWithoutBeingOpened()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        string fifo = Path.Combine(_folder, "pipe.neuro");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false }))
        {
            mkfifo!.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var (code, _, error) = Neuroc("check", Write("m.neuro", "import \"pipe\"\n" + Lif));
        AModelError(code, error, $"error NC0122: cannot import \"pipe\": '{fifo}' is a pipe, not a regular file with a model in it");
        (code, _, error) = Neuroc("check", fifo);
        AModelError(code, error, $"neuroc: error NC0122: '{fifo}' is a pipe");
    }

    [Fact]
    public void ABinaryFileIsRefusedAndNotEchoed()
    {
        File.WriteAllBytes(Path.Combine(_folder, "blob.neuro"), new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0xFF, 0xFE, 0x1B });
        var (code, _, error) = Neuroc("check", Write("m.neuro", "import \"blob\"\n" + Lif));
        AModelError(code, error, "error NC0124: cannot import \"blob\": '" + Path.Combine(_folder, "blob.neuro") + "' is not UTF-8 text (byte 10 is not UTF-8): is it a binary file?");
        Assert.DoesNotContain("ELF", error);

        // Valid UTF-8 with terminal escapes: refused too, so a diagnostic can never clear the user's screen.
        File.WriteAllText(Path.Combine(_folder, "escapes.neuro"), "param a = 1\n\u001B[2J\u001B[31mred\n");
        (code, _, error) = Neuroc("check", Path.Combine(_folder, "escapes.neuro"));
        AModelError(code, error, "is not text: line 2 holds the control character U+001B; is it a binary file?");
        Assert.DoesNotContain('\u001B', error);
        Assert.DoesNotContain("red", error);

        File.WriteAllBytes(Path.Combine(_folder, "latin1.neuro"), "param caf"u8.ToArray().Append((byte)0xE9).Concat(" = 1\n"u8.ToArray()).ToArray());
        (code, _, error) = Neuroc("check", Path.Combine(_folder, "latin1.neuro"));
        AModelError(code, error, "is not UTF-8 text (byte 9 is not UTF-8): is it a binary file?");
    }

    [Fact]
    public void AFileBeyondTheSizeLimitIsRefusedUnread()
    {
        string big = Path.Combine(_folder, "big.neuro");
        using (var stream = File.Create(big))
        {
            stream.SetLength(Limits.MaxSourceBytes + 1); // sparse: nothing is written, and nothing must be read
        }
        var (code, _, error) = Neuroc("check", big);
        AModelError(code, error, $"neuroc: error NC0123: '{big}' has {Limits.MaxSourceBytes + 1:N0} bytes; a model or import may have at most {Limits.MaxSourceBytes:N0}");
        (code, _, error) = Neuroc("check", Write("m.neuro", "import \"big\"\n" + Lif));
        AModelError(code, error, "error NC0123: cannot import \"big\"");
    }

    [Fact]
    public void AnErrorInAnImportedFileShowsWhereItWasImported()
    {
        Write("lib.neuro", "neuron Bad { state v = 0 mVV }\n");
        string main = Write("m.neuro", "import \"lib\"\n" + Lif);
        var (code, _, error) = Neuroc("check", main);
        AModelError(code, error, "lib.neuro:1:26: error NC0202: unknown unit 'mVV'");
        Assert.Contains($"{main}:1:8: note: {Path.Combine(_folder, "lib.neuro")} is imported here", error);
    }

    // ---- item 11: language traps ----------------------------------------------------------------

    [Fact]
    public void APowerAfterAUnitIsTheUnits()
    {
        var (code, output, error) = Neuroc("ir", Write("m.neuro", "param area = 20000 um**2\nparam square = (20000 um)**2\nparam per_area = 2 um**-2\n" + Lif));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("param area = 2E-08 m^2", output);
        Assert.Contains("param square = 0.0004 m^2", output);
        Assert.Contains("param per_area = 2000000000000.0002 m^-2", output);
    }

    [Fact]
    public void AKeywordAfterANumberIsNotAUnit()
    {
        var (code, output, error) = Neuroc("check", Write("m.neuro", """
            neuron N {
              state a = 0
              da/dt = 1 / (10 ms)
              threshold a > 0.5 or a < -1
              reset { a = 0 }
            }
            population P = N[1]
            """));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("m: ok", output);
    }

    [Fact]
    public void RecordingOneVariableTwiceIsFoundBeforeTheRun()
    {
        string output = Path.Combine(_folder, "out");
        string path = Write("m.neuro", "import \"std/neurons\"\nmodel m { duration = 10 ms }\npopulation P = LIF[200] { I = 400 pA }\nrecord P[1].v, P[100].v every 1 ms\n");
        var (code, _, error) = Neuroc("check", path);
        AModelError(code, error, $"{path}:4:16: error NC0125: this recording would write trace_P_v.csv, which an earlier recording writes already");
        Assert.Contains($"{path}:4:8: note: the recording that writes trace_P_v.csv", error);
        (code, _, _) = Neuroc("run", path, "--out", output);
        Assert.Equal(ExitCodes.ModelError, code);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AStandardSynapseOntoTheWrongNeuronPointsAtTheProjection()
    {
        string path = Write("m.neuro", """
            import "std/neurons"
            import "std/synapses"
            population P = LIF[10]
            projection p = P -> P : CondExc { connect all_to_all; w = 1 nS }
            """);
        var (code, _, error) = Neuroc("check", path);
        AModelError(code, error, $"{path}:4:25: error NC0101: unknown variable 'ge'; did you mean 'Ie'?");
        Assert.Contains("std/synapses.neuro:24:12: note: in synapse type 'CondExc', as projection 'p' connects it onto 'P' (neuron type 'LIF')\n    on_pre { ge += w }\n             ^~", error);
        Assert.DoesNotContain("std/synapses.neuro:24:12: error", error);
    }
}
