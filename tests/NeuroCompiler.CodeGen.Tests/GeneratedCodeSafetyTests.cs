using NeuroCompiler.CodeGen.Compile;
using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.Host;
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
    [Theory]
    [MemberData(nameof(HostileNames.Names), MemberType = typeof(HostileNames))]
    public void HostileNamesReachTheGeneratedCodeOnlyAsEscapedComments(string name) => HostileNames.AssertOnlyInComments(CpuBackend.Source, name);

    [Fact]
    public void UnpairedSurrogatesReachTheGeneratedCodeOnlyAsEscapedComments()
    {
        // Built here: test data holding a lone surrogate does not survive xunit's serialisation.
        HostileNames.AssertOnlyInComments(CpuBackend.Source, "lone " + (char)0xD800 + " high");
        HostileNames.AssertOnlyInComments(CpuBackend.Source, "lone " + (char)0xDC00 + " low");
    }

    [Theory]
    [InlineData("x\n#error injected\n#define FOO")]
    [InlineData("class")]
    public void KernelsOfAHostilelyNamedModelCompileAndGiveTheReferenceSpikes(string name)
    {
        var network = Comparison.RecordingAllSpikes(HostileNames.Renamed(Models.Network(HostileNames.Model), name));
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
