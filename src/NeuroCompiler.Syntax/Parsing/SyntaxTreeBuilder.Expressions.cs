using System.Collections.Immutable;
using System.Globalization;
using Antlr4.Runtime;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax.Generated;
using P = NeuroCompiler.Syntax.Generated.NeuroParser;

namespace NeuroCompiler.Syntax.Parsing;

// Expressions: ANTLR contexts -> ExpressionSyntax. Every child may be null after a syntax error;
// a null becomes a MissingExpressionSyntax (already reported by the parser).
internal sealed partial class SyntaxTreeBuilder
{
    public ExpressionSyntax Expression(P.ExprContext? context, TextSpan fallback)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(fallback);
        }
        var span = Span(context, fallback);
        return context switch
        {
            P.ParenExprContext c => Expression(c.expr(), span),
            P.CallExprContext c => Call(c.call(), span),
            P.MemberExprContext c => new MemberExpressionSyntax(Expression(c.expr(), span), Name(c.IDENT()?.Symbol, EndOf(span)), span),
            P.PowerExprContext c when c.expr(0) is P.QuantityExprContext quantity => UnitPower(quantity, c, span),
            P.PowerExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.UnaryExprContext c => new UnaryExpressionSyntax(UnaryOperatorOf(c.op), TokenSpan(c.op, span), Expression(c.expr(), EndOf(span)), span),
            P.MultiplicativeExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.AdditiveExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.ComparisonExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.AndExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.OrExprContext c => Binary(c.op, c.expr(0), c.expr(1), span),
            P.ListExprContext c => new ListExpressionSyntax(c.expr().Select(e => Expression(e, span)).ToImmutableArray(), span),
            P.QuantityExprContext c => Quantity(c.QUANTITY().Symbol, span),
            P.NumberExprContext c => Number(c.NUMBER().Symbol, span),
            P.BoolExprContext c => new BoolLiteralSyntax(c.TRUE() is not null, span),
            P.StringExprContext c => new StringLiteralSyntax(Unquote(c.STRING().GetText()), span),
            P.NameExprContext c => new NameExpressionSyntax(Name(c.IDENT()?.Symbol, span)),
            _ => new MissingExpressionSyntax(span),
        };
    }

    public CallExpressionSyntax Call(P.CallContext? context, TextSpan fallback)
    {
        if (context is null)
        {
            return new CallExpressionSyntax(new NameSyntax("", fallback), ImmutableArray<ArgumentSyntax>.Empty, fallback);
        }
        var span = Span(context, fallback);
        var arguments = context.argument().Select(a =>
        {
            var argumentSpan = Span(a, span);
            NameSyntax? name = a.IDENT() is { } id ? Name(id.Symbol, argumentSpan) : null;
            return new ArgumentSyntax(name, Expression(a.expr(), argumentSpan), argumentSpan);
        }).ToImmutableArray();
        return new CallExpressionSyntax(Name(context.IDENT()?.Symbol, span), arguments, span);
    }

    private BinaryExpressionSyntax Binary(IToken op, P.ExprContext? left, P.ExprContext? right, TextSpan span) =>
        new(BinaryOperatorOf(op), TokenSpan(op, span), Expression(left, span), Expression(right, EndOf(span)), span);

    private ExpressionSyntax Number(IToken token, TextSpan span)
    {
        string text = token.Text;
        return new NumberLiteralSyntax(ParseDouble(text), text, span);
    }

    private ExpressionSyntax Quantity(IToken token, TextSpan span)
    {
        string text = token.Text;
        int unitStart = QuantityText.UnitStart(text);
        if (unitStart >= text.Length)
        {
            // `1e3` matches QUANTITY as well as NUMBER (1 with the unit word e3, same length, and QUANTITY
            // comes first in the grammar); read as a number with its exponent, nothing is left for a unit.
            return new NumberLiteralSyntax(ParseDouble(text), text, span);
        }
        string number = text[..unitStart].TrimEnd(' ', '\t');
        var unitSpan = new TextSpan(span.Start + unitStart, text.Length - unitStart);
        return new QuantityLiteralSyntax(ParseDouble(number), number, new NameSyntax(text[unitStart..], unitSpan), span);
    }

    /// <summary>
    /// <c>20000 um**2</c>: the power of a quantity written without parentheses belongs to its unit (the
    /// exponent is the whole right side, so <c>2 ms**2**3</c> is 2 ms^8, as in Brian2). Without a unit
    /// (<c>1e3**2</c>) it is an ordinary power.
    /// </summary>
    private ExpressionSyntax UnitPower(P.QuantityExprContext left, P.PowerExprContext power, TextSpan span)
    {
        var quantity = Quantity(left.QUANTITY().Symbol, Span(left, span));
        var exponent = Expression(power.expr(1), EndOf(span));
        return quantity is QuantityLiteralSyntax q
            ? q with { UnitExponent = exponent, Span = span }
            : new BinaryExpressionSyntax(BinaryOperator.Power, TokenSpan(power.op, span), quantity, exponent, span);
    }

    private static double ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static UnaryOperator UnaryOperatorOf(IToken op) => op.Type switch
    {
        NeuroLexer.MINUS => UnaryOperator.Negate,
        NeuroLexer.NOT => UnaryOperator.Not,
        _ => UnaryOperator.Plus,
    };

    private static BinaryOperator BinaryOperatorOf(IToken op) => op.Type switch
    {
        NeuroLexer.PLUS => BinaryOperator.Add,
        NeuroLexer.MINUS => BinaryOperator.Subtract,
        NeuroLexer.STAR => BinaryOperator.Multiply,
        NeuroLexer.SLASH => BinaryOperator.Divide,
        NeuroLexer.PERCENT => BinaryOperator.Modulo,
        NeuroLexer.POW => BinaryOperator.Power,
        NeuroLexer.LT => BinaryOperator.Less,
        NeuroLexer.LE => BinaryOperator.LessOrEqual,
        NeuroLexer.GT => BinaryOperator.Greater,
        NeuroLexer.GE => BinaryOperator.GreaterOrEqual,
        NeuroLexer.EQ => BinaryOperator.Equal,
        NeuroLexer.NE => BinaryOperator.NotEqual,
        NeuroLexer.AND => BinaryOperator.And,
        _ => BinaryOperator.Or,
    };
}
