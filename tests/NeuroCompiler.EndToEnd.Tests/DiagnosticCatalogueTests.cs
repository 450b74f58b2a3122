using System.Text.RegularExpressions;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

/// <summary>
/// Every code in the catalogue (<see cref="ErrorCode"/>) says what it means, is raised somewhere in
/// src/ and is expected by some test; and no code is written by hand outside the catalogue.
/// </summary>
public class DiagnosticCatalogueTests
{
    private static readonly string[] Sources = Directory.GetFiles(Repository.Path("src"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                    !f.Contains($"{Path.DirectorySeparatorChar}Generated{Path.DirectorySeparatorChar}") &&
                    !f.EndsWith("ErrorCode.cs"))
        .ToArray();

    private static readonly string SourceText = string.Join("\n", Sources.Select(File.ReadAllText));

    private static readonly string TestText = string.Join("\n",
        Directory.GetFiles(Repository.Path("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.EndsWith(nameof(DiagnosticCatalogueTests) + ".cs"))
            .Select(File.ReadAllText));

    public static TheoryData<ErrorCode> Codes()
    {
        var data = new TheoryData<ErrorCode>();
        foreach (var code in DiagnosticCatalogue.Codes)
        {
            data.Add(code);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCodeHasASummary(ErrorCode code) =>
        Assert.False(string.IsNullOrWhiteSpace(DiagnosticCatalogue.Summary(code)), $"{DiagnosticCatalogue.Text(code)} ({code}) has no [Summary] in ErrorCode.cs");

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCodeIsRaised(ErrorCode code) =>
        Assert.True(Regex.IsMatch(SourceText, $@"\bErrorCode\.{code}\b"), $"{DiagnosticCatalogue.Text(code)} ({code}) is never raised in src/: retire it (mark it [Obsolete]) or raise it");

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCodeIsTested(ErrorCode code) =>
        Assert.True(Regex.IsMatch(TestText, $@"\bErrorCode\.{code}\b|\b{DiagnosticCatalogue.Text(code)}\b"),
            $"{DiagnosticCatalogue.Text(code)} ({code}) is expected by no test: add a test that provokes it");

    /// <summary>Codes reach the user only through the catalogue, never typed into a string.</summary>
    [Fact]
    public void NoCodeIsTypedByHand()
    {
        var typed = Sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"""[^""]*\bNC\d{4}") && !l.Text.TrimStart().StartsWith("///") && !l.Text.TrimStart().StartsWith("//"))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(typed.Count == 0, "diagnostic codes typed by hand (use DiagnosticCatalogue):\n" + string.Join("\n", typed));
    }
}
