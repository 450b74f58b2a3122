using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Outputs compared with committed files, byte for byte: spikes of a model that uses every source of
/// numbers (so any change in the reference semantics shows up), and the diagnostics of a broken model.
/// Set NEUROC_UPDATE_GOLDEN=1 to rewrite the files after an intended change.
/// </summary>
public class GoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("NEUROC_UPDATE_GOLDEN") == "1";

    private static void Compare(string name, string actual)
    {
        string path = Repository.Path("tests", "NeuroCompiler.EndToEnd.Tests", "Golden", name);
        if (Update)
        {
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"missing golden file {name}; run with NEUROC_UPDATE_GOLDEN=1");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"{name} differs from the golden file at line {line + 1}: expected '{e.ElementAtOrDefault(line)}', got '{a.ElementAtOrDefault(line)}' ({e.Length} vs {a.Length} lines)");
        }
    }

    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void SpikesMatchTheGoldenFileBitForBit(string precision)
    {
        var compilation = Models.CompileFile(Repository.Path("tests", "NeuroCompiler.EndToEnd.Tests", "Golden", "network.neuro"), $"precision={precision}");
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var result = ReferenceInterpreter.Run(compilation.Network!);
        Assert.True(result.Populations.All(p => p.Spikes > 0), "every population fires");
        var folder = Directory.CreateTempSubdirectory("neuroc-golden-").FullName;
        try
        {
            string results = Path.Combine(folder, "results"); // beside it, the folder's lock file: inside the temporary folder, not in /tmp
            ResultWriter.Write(result, new RunInfo(TimeSpan.Zero, "test"), results);
            Compare($"network.{precision}.spikes.csv", File.ReadAllText(Path.Combine(results, "spikes.csv")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DiagnosticsMatchTheGoldenFile()
    {
        string path = Repository.Path("tests", "NeuroCompiler.EndToEnd.Tests", "Golden", "errors.neuro");
        var compilation = Models.CompileFile(path);
        Assert.False(compilation.Success);
        string text = DiagnosticFormatter.FormatAll(compilation.Diagnostics).Replace(path, "errors.neuro");
        Compare("errors.expected.txt", text);
    }
}
