using Antlr4.Runtime;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>Turns ANTLR's syntax errors into our diagnostics, each with the offending token's span, and keeps all of them.</summary>
internal sealed class SyntaxErrorListener : BaseErrorListener, IAntlrErrorListener<int>
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;

    public SyntaxErrorListener(SourceText text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine,
        string msg, RecognitionException e)
    {
        TextSpan span;
        if (offendingSymbol is null || offendingSymbol.StartIndex < 0)
        {
            span = new TextSpan(_text.Length, 0);
        }
        else if (offendingSymbol.Type == TokenConstants.EOF)
        {
            span = new TextSpan(Math.Max(0, _text.Length), 0);
        }
        else
        {
            span = TextSpan.FromBounds(offendingSymbol.StartIndex, offendingSymbol.StopIndex + 1);
        }
        if (offendingSymbol is { Type: Generated.NeuroLexer.UNTERMINATED_STRING })
        {
            _diagnostics.Error(ErrorCode.SyntaxError, _text, span, "unterminated string: close it with \" on the same line");
            return;
        }
        if (offendingSymbol is { Type: Generated.NeuroLexer.UNKNOWN_CHAR })
        {
            _diagnostics.Error(ErrorCode.UnexpectedCharacter, _text, span, $"unexpected character '{offendingSymbol.Text}'");
            return;
        }
        _diagnostics.Error(ErrorCode.SyntaxError, _text, span, SyntaxMessages.Rewrite(msg));
    }

    // Lexer errors: the grammar's UNKNOWN_CHAR rule makes them impossible, but keep them as diagnostics if they happen.
    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg,
        RecognitionException e)
    {
        int position = _text.GetLineStart(Math.Clamp(line - 1, 0, _text.LineCount - 1)) + charPositionInLine;
        _diagnostics.Error(ErrorCode.UnexpectedCharacter, _text, new TextSpan(Math.Min(position, _text.Length), 1), SyntaxMessages.Rewrite(msg));
    }
}
