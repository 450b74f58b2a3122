using System.Text.RegularExpressions;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>docs/architecture.md stays true: its table names every project under src/ and exactly the projects each references.</summary>
public partial class ArchitectureTests
{
    private static Dictionary<string, string[]> Documented()
    {
        string text = File.ReadAllText(Repository.Path("docs", "architecture.md"));
        return Row().Matches(text).ToDictionary(m => m.Groups[1].Value,
            m => m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToArray());
    }

    private static Dictionary<string, string[]> Actual() =>
        Directory.GetDirectories(Repository.Path("src"), "NeuroCompiler.*").ToDictionary(
            d => Path.GetFileName(d)["NeuroCompiler.".Length..],
            d => Reference().Matches(File.ReadAllText(Path.Combine(d, Path.GetFileName(d) + ".csproj"))).Select(m => m.Groups[1].Value).Order().ToArray());

    [Fact]
    public void TheTableOfProjectsAndTheirReferencesIsTheProjectFiles()
    {
        var documented = Documented();
        var actual = Actual();
        Assert.Equal(actual.Keys.Order(), documented.Keys.Order());
        foreach (var (project, references) in actual)
        {
            Assert.True(references.SequenceEqual(documented[project]),
                $"{project} references {string.Join(", ", references)}; docs/architecture.md says {string.Join(", ", documented[project])}");
        }
    }

    [GeneratedRegex(@"^\| (\w+) \| [^|]* \|\s*([\w, ]*?)\s*\|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"ProjectReference Include=""\.\./NeuroCompiler\.(\w+)/")]
    private static partial Regex Reference();
}
