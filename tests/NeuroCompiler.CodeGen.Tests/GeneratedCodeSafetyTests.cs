using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.CodeGen.Tests;

/// <summary>
/// Whatever the user names things (a model is named after its file, and a file name can hold anything), the
/// generated C# is the same code: names reach it only inside comments, escaped, never as code, directives,
/// identifiers or strings; and the files neuroc leaves for people to read are private.
/// </summary>
public sealed class GeneratedCodeSafetyTests
{
    private const string Model = """
        model safe { dt = 0.1 ms; duration = 30 ms; seed = 5 }
        param tau = 10 ms
        neuron N {
          state v = uniform(0 mV, 15 mV)
          state s = 0 mV
          dv/dt = (20 mV + s - v) / tau
          ds/dt = -s / (5 ms)
          threshold v > 15 mV
          reset { v = 0 mV }
        }
        synapse Kick {
          param w = 1 mV
          on_pre { s += w }
        }
        population P = N[50]
        population Q = N[50]
        projection pq = P -> Q : Kick { connect fixed_probability(0.2); delay = 1 ms }
        stimulus drive = poisson_input(n = 10, rate = 20 Hz, weight = 0.5 mV) -> P.s
        record spikes P, Q
        """;

    public static TheoryData<string> HostileNames() => new()
    {
        "x\n#error injected\n#define FOO",
        "a\r\n#line 1 \"evil.cs\"",
        "*/ } class Evil { /*",
        "\" + System.Environment.Exit(3) + \"",
        "back\\slash\\",
        "#pragma warning restore",
        "line\u2028separator\u2029paragraph\u0085next",
        "nul\0byte",
        "right-to-left \u202E override",
        "class",
        "__arglist",
        new string('n', 100_000),
        "\U0001F9E0 brain",
    };

    /// <summary>Every name of the network (model, populations, types, projections, stimuli, variables, globals) replaced by <paramref name="name"/>.</summary>
    private static Network Renamed(Network network, string name) => network with
    {
        Settings = network.Settings with { Name = name },
        Globals = network.Globals.Select(g => g with { Name = name }).ToImmutableArray(),
        Populations = network.Populations.Select(p => p with
        {
            Name = name,
            Model = p.Model is null ? null : p.Model with
            {
                TypeName = name,
                States = p.Model.States.Select(v => v with { Name = name }).ToImmutableArray(),
                Parameters = p.Model.Parameters.Select(v => v with { Name = name }).ToImmutableArray(),
            },
        }).ToImmutableArray(),
        Projections = network.Projections.Select(p => p with
        {
            Name = name,
            Synapse = p.Synapse with
            {
                TypeName = name,
                Parameters = p.Synapse.Parameters.Select(v => v with { Name = name }).ToImmutableArray(),
            },
        }).ToImmutableArray(),
        Stimuli = network.Stimuli.Select(s => s switch
        {
            PoissonInput poisson => poisson with { Name = name },
            _ => s,
        }).ToImmutableArray(),
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void HostileNamesReachTheGeneratedCodeOnlyAsEscapedComments(string name) => AssertOnlyInComments(name);

    [Fact]
    public void UnpairedSurrogatesReachTheGeneratedCodeOnlyAsEscapedComments()
    {
        // Built here: test data holding a lone surrogate does not survive xunit's serialisation.
        AssertOnlyInComments("lone " + (char)0xD800 + " high");
        AssertOnlyInComments("lone " + (char)0xDC00 + " low");
    }

    private static void AssertOnlyInComments(string name)
    {
        var plain = Models.Network(Model);
        var network = Renamed(plain, name);
        foreach (var (source, expected) in new[] { (CpuBackend.Source(network), CpuBackend.Source(plain)), (DeviceModelEmitter.Emit(network), DeviceModelEmitter.Emit(plain)) })
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
            Assert.Empty(tree.GetDiagnostics());
            var root = tree.GetRoot();
            // The code (every token, trivia aside) is the plainly named network's: no name is code, an identifier or a string.
            var code = CSharpSyntaxTree.ParseText(expected, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot().DescendantTokens().Select(t => t.Text);
            Assert.Equal(code, root.DescendantTokens().Select(t => t.Text));
            // The only directive is the generator's own, and every line is one line.
            Assert.Equal(new[] { "#pragma warning disable" }, root.DescendantTrivia().Where(t => t.IsDirective).Select(t => t.ToString().Trim()));
            Assert.DoesNotContain(source, c => !CSharpText.AllowedInLine(c) && c != '\n');
            // The names are in the comments, as the helper writes them.
            Assert.Contains(CSharpText.Comment(name)[..Math.Min(40, CSharpText.Comment(name).Length)],
                string.Join("\n", root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(t => t.ToString())));
        }
    }

    [Theory]
    [InlineData("x\n#error injected\n#define FOO")]
    [InlineData("class")]
    public void KernelsOfAHostilelyNamedModelCompileAndGiveTheReferenceSpikes(string name)
    {
        var network = Comparison.RecordingAllSpikes(Renamed(Models.Network(Model), name));
        var cache = new KernelCache(Directory.CreateTempSubdirectory("neuroc-hostile-").FullName);
        try
        {
            var run = CpuBackend.Run(network, cache: cache);
            Assert.Equal(2, run.CompiledPopulations);
            Assert.Equal(1, run.CompiledProjections);
            var report = Comparison.Compare(ReferenceInterpreter.Run(network), run.Result);
            Assert.True(report.Identical, $"step {report.First?.Step}, {report.First?.Population}[{report.First?.Neuron}]: {report.First?.What}");
            Assert.True(report.SpikesCompared > 0);
        }
        finally
        {
            Directory.Delete(cache.Folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("a\nb", @"a\u000Ab")]
    [InlineData("a\r\nb", @"a\u000D\u000Ab")]
    [InlineData("x\u2028y\u2029z\u0085", @"x\u2028y\u2029z\u0085")]
    [InlineData("end */ start /* again */", "end * / start /* again * /")]
    [InlineData("**/", "** /")]
    [InlineData(@"\u000A is not a newline", @"\\u000A is not a newline")]
    [InlineData("nul\0", @"nul\u0000")]
    [InlineData("rlo\u202Eolr", @"rlo\u202Eolr")]
    [InlineData("\U0001F9E0 ok", "\U0001F9E0 ok")]
    public void CommentTextCannotEndTheCommentOrTheLine(string text, string expected) => Assert.Equal(expected, CSharpText.Comment(text));

    [Fact]
    public void UnpairedSurrogatesAreWrittenAsEscapes()
    {
        Assert.Equal(@"a\uD800b", CSharpText.Comment("a" + (char)0xD800 + "b"));
        Assert.Equal(@"a\uDC00", CSharpText.Comment("a" + (char)0xDC00));
        Assert.Equal(@"\uDC00\uD800", CSharpText.Comment(new string(new[] { (char)0xDC00, (char)0xD800 })));
    }

    [Fact]
    public void CommentTextIsCutAtItsLimit()
    {
        string comment = CSharpText.Comment(new string('a', 10_000));
        Assert.Equal(new string('a', CSharpText.MaxCommentText) + "...", comment);
        Assert.Equal(new string('a', CSharpText.MaxCommentText), CSharpText.Comment(new string('a', CSharpText.MaxCommentText)));
        Assert.EndsWith("...", CSharpText.Comment(new string('\n', 10_000)));
        Assert.True(CSharpText.Comment(new string('\n', 10_000)).Length < CSharpText.MaxCommentText + 10);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void SourceThatDoesNotCompileIsLeftInAPrivateFolderNamedByNeurocNotByTheModel()
    {
        var cache = new KernelCache(Directory.CreateTempSubdirectory("neuroc-broken-").FullName);
        string hostile = "../../escape\n#error";
        try
        {
            var error = Assert.Throws<GeneratedCodeException>(() =>
                KernelCompiler.Compile("namespace NeuroCompiler.Generated { public static class Kernels { int x = ; } }", hostile, cache));
            string folder = Path.GetDirectoryName(error.SourcePath)!;
            Assert.Equal(Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'), Path.GetDirectoryName(folder));
            Assert.StartsWith(PrivateFolder.Prefix, Path.GetFileName(folder));
            Assert.DoesNotContain("escape", error.SourcePath);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(error.SourcePath));
            Assert.Contains(@"model '../../escape\u000A#error'", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Directory.Delete(folder, recursive: true);
        }
        finally
        {
            Directory.Delete(cache.Folder, recursive: true);
        }
    }

    [Fact]
    public void NumbersFromTheModelAreLiteralsOfTheirExactValueNaNAndInfinitiesIncluded()
    {
        // Each value as the emitter writes it, compiled and run: the same bits back (NaN as NaN), in both precisions.
        double[] values =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, -double.MaxValue, double.Epsilon,
            1e-320, 0.1, -1.0 / 3, 1e300, 3.4028235677973366e38, 1e39, -1e-46, 123456789.123456789,
        };
        var body = new System.Text.StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            body.Append($"public static double D{i}() => {Literal.Of(values[i], NeuroCompiler.Runtime.Precision.Float64)};\n");
            body.Append($"public static float F{i}() => {Literal.Of(values[i], NeuroCompiler.Runtime.Precision.Float32)};\n");
        }
        string source = $"namespace {ModelEmitter.Namespace} {{ public static class {ModelEmitter.ClassName} {{\n{body}}} }}";
        var cache = new KernelCache(Directory.CreateTempSubdirectory("neuroc-literals-").FullName);
        try
        {
            var kernels = KernelCompiler.Compile(source, "literals", cache).Kernels;
            for (int i = 0; i < values.Length; i++)
            {
                double d = (double)kernels.GetMethod($"D{i}")!.Invoke(null, null)!;
                float f = (float)kernels.GetMethod($"F{i}")!.Invoke(null, null)!;
                Assert.True(BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(d) || (double.IsNaN(values[i]) && double.IsNaN(d)), $"double {values[i]:R} came back as {d:R}");
                float expected = (float)values[i];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(f) || (float.IsNaN(expected) && float.IsNaN(f)), $"float {expected:R} came back as {f:R}");
            }
        }
        finally
        {
            Directory.Delete(cache.Folder, recursive: true);
        }
    }
}
