using System.Text.RegularExpressions;
using NeuroCompiler.Host;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Every ```neuro block of docs/language.md and README.md compiles and runs (briefly); a block
/// marked expect-error NCxxxx fails with that code and no other.
/// </summary>
public partial class DocumentationTests
{
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var document in new[] { "docs/language.md", "README.md" })
        {
            int count = Blocks(document).Count();
            for (int i = 0; i < count; i++)
            {
                data.Add(document, i);
            }
        }
        return data;
    }

    private static IEnumerable<(string Info, string Code)> Blocks(string document) =>
        Fence().Matches(File.ReadAllText(Repository.Path(document.Split('/'))))
            .Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value));

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleCompilesAndRuns(string document, int index)
    {
        var (info, code) = Blocks(document).ElementAt(index);
        var expected = ExpectError().Match(info);
        var compilation = Models.CompileText(code, "duration=20 ms");
        if (expected.Success)
        {
            var errors = compilation.Diagnostics.Where(d => d.IsError).Select(d => d.CodeText).ToList();
            Assert.Equal(new[] { expected.Groups[1].Value }, errors);
            return;
        }
        Assert.True(compilation.Success, $"{document} example {index + 1}:\n" + Core.Diagnostics.DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        var result = ReferenceInterpreter.Run(compilation.Network!);
        Assert.Equal(0.02, result.Duration, 1e-9);
    }

    [Fact]
    public void TheLanguageReferenceHasExamples() => Assert.True(Blocks("docs/language.md").Count() >= 15);

    [GeneratedRegex(@"```neuro([^\n]*)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"expect-error (NC\d{4})")]
    private static partial Regex ExpectError();
}
