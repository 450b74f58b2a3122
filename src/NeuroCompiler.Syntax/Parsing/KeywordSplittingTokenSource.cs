using Antlr4.Runtime;
using NeuroCompiler.Syntax.Generated;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// The lexer reads a number and the word after it on the same line as a quantity (<c>20 ms</c>).
/// When that word is a keyword (<c>1 param b = 2</c>, <c>refractory 0 clamp v</c>, <c>a &gt; 0.5 or a &lt; -1</c>),
/// this splits the quantity back into a number and the keyword, so no keyword is ever taken for a unit.
/// A word is a keyword when the lexer, given the word alone, reads it as one token that is not a name:
/// every keyword of the grammar, those with several spellings (<c>and</c>/<c>&amp;&amp;</c>) included, and any added later.
/// </summary>
internal sealed class KeywordSplittingTokenSource : ITokenSource
{
    private readonly NeuroLexer _lexer;
    private readonly Queue<IToken> _pending = new();
    private readonly Dictionary<string, int?> _keywords = new(StringComparer.Ordinal);

    public KeywordSplittingTokenSource(NeuroLexer lexer) => _lexer = lexer;

    /// <summary>The token type of <paramref name="word"/> when it is a keyword, else null.</summary>
    public static int? KeywordType(string word)
    {
        if (word.Length == 0)
        {
            return null; // `1e3`: the number took the whole token
        }
        var lexer = new NeuroLexer(new AntlrInputStream(word));
        lexer.RemoveErrorListeners();
        var token = lexer.NextToken();
        return token.Type is > 0 and not (NeuroLexer.IDENT or NeuroLexer.QUANTITY) && token.StopIndex == word.Length - 1 &&
               lexer.NextToken().Type == TokenConstants.EOF
            ? token.Type
            : null;
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
        string word = text[unitStart..];
        if (!_keywords.TryGetValue(word, out int? keyword))
        {
            keyword = _keywords[word] = KeywordType(word);
        }
        if (keyword is not { } type)
        {
            return token;
        }
        int numberEnd = unitStart;
        while (numberEnd > 0 && (text[numberEnd - 1] == ' ' || text[numberEnd - 1] == '\t'))
        {
            numberEnd--;
        }
        var number = Piece(token, NeuroLexer.NUMBER, 0, numberEnd);
        _pending.Enqueue(Piece(token, type, unitStart, text.Length));
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
