using System.Text;
using NeuroCompiler.Cli;
using NeuroCompiler.Core;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Deep nesting as a user meets it (docs/limits.md): the reported inputs that ended in "Stack
/// overflow." with exit 134 are one NC0004 with its place and exit 65, at any depth up to a 10 MB
/// file; a model at the limit checks and runs. Program.Run is called from xunit's threads, whose
/// stacks are small, as well as from the main thread.
/// </summary>
public sealed class NestingTests : IDisposable
{
    private const int Max = Limits.MaxNesting;
    private const string Message = "nested more than 1000 levels deep (each parenthesis, call, operator, list and '.' is a level; see docs/limits.md)";

    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-nesting-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Neuroc(params string[] args)
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

    private static (Func<int, string> Make, int Crossing) Construct(string name) =>
        DeepInputs.Constructs.Where(c => c.Name == name).Select(c => (c.Make, c.Crossing)).Single();

    /// <summary>Exit 65 with exactly one diagnostic, NC0004 at the place given, and nothing of a crash.</summary>
    private static void AssertOneNestingError((int Code, string Output, string Error) result, string place, string message = Message)
    {
        Assert.Equal(65, result.Code);
        Assert.StartsWith($"{place}: error NC0004: {message}\n", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("\n1 error\n", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parentheses", 15_000)]
    [InlineData("calls", 10_000)]
    [InlineData("unary minus", 50_000)]
    [InlineData("additions", 50_000)]
    [InlineData("powers", 50_000)]
    public void TheReportedExpressionsAreOneDiagnostic(string construct, int depth)
    {
        var (make, crossing) = Construct(construct);
        string path = Write("deep.neuro", DeepInputs.Param(make(depth)));
        AssertOneNestingError(Neuroc("check", path), $"{path}:2:{crossing}");
    }

    [Fact]
    public void TheReportedChainOfTenThousandLetsIsOneDiagnostic()
    {
        var text = new StringBuilder(DeepInputs.Header + "neuron N {\n  state v = 0 mV\n  let l1 = 1 mV\n");
        for (int i = 2; i <= 10_000; i++)
        {
            text.Append($"  let l{i} = l{i - 1} + 1 mV\n");
        }
        text.Append("  dv/dt = (l10000 - v) / (10 ms)\n}\npopulation P = N[1]\n");
        string path = Write("lets.neuro", text.ToString());
        // l502 = l501 + 1 mV (line 505) is the first let whose value, written out, passes 1000 levels.
        AssertOneNestingError(Neuroc("check", path), $"{path}:505:14",
            "nested more than 1000 levels deep through the definitions used on the way: 'l502' -> 'l501' -> 'l500' -> ... (496 more) -> " +
            "'l3' -> 'l2' -> 'l1' (a use of a let, or of a param or state inside another definition's value, is a level, and so is each " +
            "level of the value it stands for; see docs/limits.md)");
    }

    [Fact]
    public void TheReportedJsonOfOneHundredThousandListsIsOneDiagnostic()
    {
        string path = Write("deep.json", DeepInputs.JsonLists(100_000));
        AssertOneNestingError(Neuroc("targets", path), $"{path}:1:{Max + 1}",
            "nested more than 1000 levels deep: at most 1000 lists and objects may be open at once (see docs/limits.md)");
    }

    [Fact]
    public void TenMegabytesOfNestingIsOneDiagnostic()
    {
        const int calls = 10 * 1024 * 1024 / 5;
        string path = Write("ten-megabytes.neuro", DeepInputs.Param(DeepInputs.Constructs[1].Make(calls)));
        Assert.True(new FileInfo(path).Length >= 10 * 1024 * 1024);
        AssertOneNestingError(Neuroc("check", path), $"{path}:2:{Construct("calls").Crossing}");
    }

    public static TheoryData<string> Constructs() => new(DeepInputs.Constructs.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Constructs))]
    public void AtTheLimitChecksAndOneMoreFailsWithItsPlace(string construct)
    {
        var (make, crossing) = Construct(construct);
        // "a" is not a param of the model, so member access is checked for its syntax only: another path.
        string atLimit = Write("limit.neuro", DeepInputs.Param(make(Max)));
        var (code, _, error) = Neuroc("check", atLimit);
        Assert.DoesNotContain("NC0004", error, StringComparison.Ordinal);
        Assert.True(code is 0 or 65, error);
        string beyond = Write("beyond.neuro", DeepInputs.Param(make(Max + 1)));
        AssertOneNestingError(Neuroc("check", beyond), $"{beyond}:2:{crossing}");
    }

    [Fact]
    public void TheDeepestModelChecksPrintsAndRuns()
    {
        string path = Write("deepest.neuro", DeepInputs.UniformLet());
        Assert.Equal(0, Neuroc("check", path).Code);
        var ir = Neuroc("ir", path);
        Assert.Equal(0, ir.Code);
        Assert.Contains("rand[", ir.Output, StringComparison.Ordinal);
        var run = Neuroc("run", path, "--quiet", "--out", Path.Combine(_folder, "out"));
        Assert.True(run.Code == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "summary.json")));
        string beyond = Write("beyond.neuro", DeepInputs.UniformLet(extra: 1));
        var failed = Neuroc("run", beyond, "--quiet", "--out", Path.Combine(_folder, "out2"));
        Assert.Equal(65, failed.Code);
        Assert.Contains($"{beyond}:6:12: error NC0004:", failed.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out2")));
    }
}
