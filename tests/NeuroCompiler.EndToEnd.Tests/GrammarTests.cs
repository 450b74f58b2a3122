using System.Security.Cryptography;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.EndToEnd.Tests;

public class GrammarTests
{
    /// <summary>The committed parser is generated from the committed grammar: grammar/generate records the grammar's hash.</summary>
    [Fact]
    public void GeneratedParserIsNotStale()
    {
        var grammar = File.ReadAllBytes(Repository.Path("grammar", "Neuro.g4"));
        string hash = Convert.ToHexString(SHA256.HashData(grammar)).ToLowerInvariant();
        string recorded = File.ReadAllText(Repository.Path("src", "NeuroCompiler.Syntax", "Generated", "grammar.sha256")).Trim();
        Assert.True(hash == recorded, "grammar/Neuro.g4 changed since the parser was generated: run grammar/generate and commit the result");
        foreach (var file in Directory.GetFiles(Repository.Path("src", "NeuroCompiler.Syntax", "Generated"), "*.cs"))
        {
            Assert.Contains(File.ReadLines(file).Take(3), line => line == $"// grammar-sha256: {hash}");
        }
    }
}
