using System.Text.RegularExpressions;

namespace NeuroCompiler.Fuzzing;

/// <summary>
/// The seeds the fuzzer mutates: every sample, every ```neuro example of the documentation and the
/// standard library's sources; and every token found in them, to draw replacements from.
/// </summary>
public sealed partial class Corpus
{
    public Corpus(IReadOnlyList<(string Name, string Text)> seeds)
    {
        Seeds = seeds;
        Tokens = seeds.Select(s => Tokenizer.Split(s.Text)).ToArray();
        Dictionary = Tokens.SelectMany(t => t).Where(t => t.Kind != TokenKind.Space).DistinctBy(t => t.Text).ToArray();
    }

    public IReadOnlyList<(string Name, string Text)> Seeds { get; }

    /// <summary>Each seed split into tokens, in the order of <see cref="Seeds"/>.</summary>
    public IReadOnlyList<List<Token>> Tokens { get; }

    /// <summary>Every distinct token of every seed.</summary>
    public IReadOnlyList<Token> Dictionary { get; }

    /// <summary>The seeds of a repository: samples/*.neuro, the examples of docs/*.md and README.md, std/*.neuro.</summary>
    public static Corpus FromRepository(string root)
    {
        var seeds = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "samples"), "*.neuro").Order(StringComparer.Ordinal))
        {
            seeds.Add((Path.GetRelativePath(root, file), File.ReadAllText(file)));
        }
        var documents = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal).Append(Path.Combine(root, "README.md"));
        foreach (var document in documents)
        {
            int index = 0;
            foreach (Match m in Fence().Matches(File.ReadAllText(document)))
            {
                seeds.Add(($"{Path.GetRelativePath(root, document)} example {++index}", m.Groups[1].Value));
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src", "NeuroCompiler.Semantics", "Std"), "*.neuro").Order(StringComparer.Ordinal))
        {
            seeds.Add((Path.GetRelativePath(root, file), File.ReadAllText(file)));
        }
        return new Corpus(seeds);
    }

    /// <summary>The repository above a folder (where NeuroCompiler.sln is).</summary>
    public static string FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeuroCompiler.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no NeuroCompiler.sln above {start}: give --repo");
    }

    [GeneratedRegex(@"```neuro[^\n]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
