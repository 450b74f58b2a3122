using System.Text.RegularExpressions;

namespace NeuroCompiler.Fuzzing;

/// <summary>Splits a text into tokens; concatenating them gives the text back.</summary>
public static partial class Tokenizer
{
    public static List<Token> Split(string text)
    {
        var tokens = new List<Token>();
        foreach (Match m in Pattern().Matches(text))
        {
            var kind = m.Groups["space"].Success ? TokenKind.Space
                : m.Groups["comment"].Success ? TokenKind.Comment
                : m.Groups["number"].Success ? TokenKind.Number
                : m.Groups["word"].Success ? TokenKind.Word
                : m.Groups["text"].Success ? TokenKind.Text
                : TokenKind.Symbol;
            tokens.Add(new Token(kind, m.Value));
        }
        return tokens;
    }

    public static string Join(IEnumerable<Token> tokens) => string.Concat(tokens.Select(t => t.Text));

    [GeneratedRegex(@"(?<space>\s+)|(?<comment>//[^\n]*|/\*.*?\*/)|(?<number>(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)|(?<word>[\p{L}_][\p{L}\p{N}_]*)|(?<text>""[^""\n]*"")|(?<symbol>\*\*|->|\+=|-=|\*=|/=|<=|>=|==|!=|&&|\|\||.)", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
