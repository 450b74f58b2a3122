using System.Text.RegularExpressions;

namespace NeuroCompiler.Fuzzing;

/// <summary>Splits a text into tokens; concatenating them gives the text back.</summary>
public static partial class Tokenizer
{
    public static List<Token> Split(string text)
    {
        var tokens = new List<Token>();
        // ValueMatch allocates nothing per token: inputs of a million tokens are common (deep nesting).
        foreach (var m in Pattern().EnumerateMatches(text))
        {
            string piece = text.Substring(m.Index, m.Length);
            tokens.Add(new Token(Kind(piece), piece));
        }
        return tokens;
    }

    public static string Join(IEnumerable<Token> tokens) => string.Concat(tokens.Select(t => t.Text));

    private static TokenKind Kind(string piece) => piece[0] switch
    {
        _ when char.IsWhiteSpace(piece[0]) => TokenKind.Space,
        '/' when piece.Length > 1 => TokenKind.Comment,
        '.' when piece.Length > 1 => TokenKind.Number,
        >= '0' and <= '9' => TokenKind.Number,
        '"' when piece.Length > 1 => TokenKind.Text,
        _ when char.IsLetter(piece[0]) || piece[0] == '_' => TokenKind.Word,
        _ => TokenKind.Symbol,
    };

    [GeneratedRegex(@"\s+|//[^\n]*|/\*.*?\*/|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[\p{L}_][\p{L}\p{N}_]*|""[^""\n]*""|\*\*|->|\+=|-=|\*=|/=|<=|>=|==|!=|&&|\|\||.", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
