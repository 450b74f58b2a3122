using Antlr4.Runtime;
using NeuroCompiler.Syntax.Generated;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// The lexer reads a number and the word after it on the same line as a quantity (<c>20 ms</c>).
/// When that word is a keyword (<c>1 param b = 2</c>, <c>refractory 0 clamp v</c>), this splits
/// the quantity back into a number and the keyword, so no keyword is ever taken for a unit.
/// </summary>
internal sealed class KeywordSplittingTokenSource : ITokenSource
{
    private readonly NeuroLexer _lexer;
    private readonly Queue<IToken> _pending = new();
    private readonly Dictionary<string, int> _keywords;

    public KeywordSplittingTokenSource(NeuroLexer lexer)
    {
        _lexer = lexer;
        _keywords = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocabulary = lexer.Vocabulary;
        for (int type = 1; type <= NeuroLexer.UNKNOWN_CHAR; type++)
        {
            string? literal = vocabulary.GetLiteralName(type);
            if (literal is { Length: > 2 } && literal[0] == '\'' && char.IsAsciiLetter(literal[1]))
            {
                _keywords[literal[1..^1]] = type;
            }
        }
    }

    public IToken NextToken()
    {
        if (_pending.Count > 0)
        {
            return _pending.Dequeue();
        }
        var token = _lexer.NextToken();
        if (token.Type != NeuroLexer.QUANTITY)
        {
            return token;
        }
        string text = token.Text;
        int unitStart = QuantityText.UnitStart(text);
        if (!_keywords.TryGetValue(text[unitStart..], out int keyword))
        {
            return token;
        }
        int numberEnd = unitStart;
        while (numberEnd > 0 && (text[numberEnd - 1] == ' ' || text[numberEnd - 1] == '\t'))
        {
            numberEnd--;
        }
        var number = Piece(token, NeuroLexer.NUMBER, 0, numberEnd);
        _pending.Enqueue(Piece(token, keyword, unitStart, text.Length));
        return number;
    }

    private static CommonToken Piece(IToken whole, int type, int from, int to)
    {
        var piece = new CommonToken(Tuple.Create(whole.TokenSource, whole.InputStream), type, Lexer.DefaultTokenChannel,
            whole.StartIndex + from, whole.StartIndex + to - 1)
        {
            Line = whole.Line,
            Column = whole.Column + from,
            Text = whole.Text[from..to],
        };
        return piece;
    }

    public int Line => _lexer.Line;
    public int Column => _lexer.Column;
    public ICharStream InputStream => (ICharStream)_lexer.InputStream;
    public string SourceName => _lexer.SourceName;
    public ITokenFactory TokenFactory { get => _lexer.TokenFactory; set => _lexer.TokenFactory = value; }
}
