using CsCheck;
using NeuroCompiler.Core.Diagnostics;
using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>
/// Property tests: whatever the input, <see cref="SyntaxTree.Parse(string, string)"/> returns (never throws),
/// every diagnostic is a syntax diagnostic whose span lies within the text, and every node's span does too.
/// </summary>
public class ParserFuzzTests
{
    private static readonly string[] Tokens =
    {
        "import", "model", "param", "state", "let", "neuron", "synapse", "population", "projection", "stimulus", "protocol",
        "record", "method", "threshold", "reset", "refractory", "clamp", "on_pre", "on_post", "connect", "segment", "at", "set",
        "silence", "for", "every", "true", "false", "and", "or", "not", "&&", "||", "!", "->", "+=", "-=", "*=", "/=", "**", "^",
        "<=", ">=", "==", "!=", "<", ">", "=", "+", "-", "*", "/", "%", "(", ")", "{", "}", "[", "]", ",", ":", ";", ".",
        "20 ms", "-65 mV", "5ms", "1e3 Hz", "0.1nS", "2e-3 s", "1e", "3.", ".5", "42", "\"std/neurons\"", "\"", "v", "dv", "dt", "E", "x",
        "// c\n", "/* c */", "/*", "\n", " ", "\t", "@", "#", "µ", "Ω", "\u0000",
    };

    private static void Check(string text)
    {
        var tree = SyntaxTree.Parse(text, "fuzz.neuro");
        foreach (var d in tree.Diagnostics)
        {
            if (d.Code is not (ErrorCode.SyntaxError or ErrorCode.UnexpectedCharacter) || !d.IsError || d.Location is null)
            {
                throw new Exception($"unexpected diagnostic {d}");
            }
            var span = d.Location.Span;
            if (span.Start < 0 || span.Length < 0 || span.End > text.Length)
            {
                throw new Exception($"diagnostic span {span} outside the text (length {text.Length}): {d}");
            }
            _ = DiagnosticFormatter.Format(d);
        }
        foreach (var node in Descendants(tree.Root))
        {
            if (node.Span.Start < 0 || node.Span.Length < 0 || node.Span.End > text.Length)
            {
                throw new Exception($"{node.GetType().Name} span {node.Span} outside the text (length {text.Length})");
            }
        }
    }

    [Fact]
    public void RandomStringsNeverThrow() =>
        Gen.String[Gen.Char, 0, 200].Sample(Check, iter: 300);

    [Fact]
    public void RandomTokenSequencesNeverThrow() =>
        Gen.OneOf(Tokens).Array[0, 80]
            .Select(tokens => string.Join(" ", tokens))
            .Sample(Check, iter: 500);

    /// <summary>One edit of a text: delete, insert or duplicate a character or a range of characters.</summary>
    private static Gen<string> Mutation(string text) =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, text.Length], Gen.Int[0, 40], Gen.OneOf(Tokens)).Select(t =>
        {
            var (kind, position, length, token) = t;
            length = Math.Min(length, text.Length - position);
            return kind switch
            {
                0 => text.Remove(position, Math.Min(1, text.Length - position)),
                1 => text.Remove(position, length),
                2 => text.Insert(position, token),
                3 => text.Insert(position, text.Substring(position, length)),
                _ => text.Insert(position, ((char)('!' + length)).ToString()),
            };
        });

    /// <summary>Several edits of a sample file.</summary>
    private static Gen<string> Mutated(string text) =>
        Gen.Int[1, 6].SelectMany(count =>
        {
            Gen<string> gen = Gen.Const(text);
            for (int i = 0; i < count; i++)
            {
                gen = gen.SelectMany(Mutation);
            }
            return gen;
        });

    [Fact]
    public void MutatedSampleFilesNeverThrow()
    {
        var samples = Repo.SampleFiles;
        Assert.True(samples.Length >= 3);
        Gen.Int[0, samples.Length - 1].SelectMany(i => Mutated(samples[i].Text)).Sample(Check, iter: 200);
    }

    [Fact]
    public void EveryPrefixOfASampleParsesWithoutThrowing()
    {
        // Truncation at every 7th character: every unfinished construct of the sample.
        var text = File.ReadAllText(Repo.Path("samples", "cuba.neuro"));
        for (int length = 0; length <= text.Length; length += 7)
        {
            Check(text[..length]);
        }
    }
}
