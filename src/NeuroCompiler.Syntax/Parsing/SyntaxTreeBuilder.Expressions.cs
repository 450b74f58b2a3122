using System.Collections.Immutable;
using System.Globalization;
using Antlr4.Runtime;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax.Generated;
using P = NeuroCompiler.Syntax.Generated.NeuroParser;

namespace NeuroCompiler.Syntax.Parsing;

// Expressions: ANTLR contexts -> ExpressionSyntax. Every child may be null after a syntax error;
// a null becomes a MissingExpressionSyntax (already reported by the parser).
internal sealed partial class SyntaxTreeBuilder
{
    private bool _reportedTooDeep; // in the current whole expression (by the parser or here): once is enough

    /// <summary>Builds a whole expression (its outermost level is level 0 of <see cref="Limits.MaxNesting"/>).</summary>
    public ExpressionSyntax Expression(P.ExprContext? context, TextSpan fallback)
    {
        _reportedTooDeep = context is not null && ReportedWithin(Span(context, fallback));
        return Expression(context, fallback, 0);
    }

    public CallExpressionSyntax Call(P.CallContext? context, TextSpan fallback)
    {
        _reportedTooDeep = context is not null && ReportedWithin(Span(context, fallback));
        return Call(context, fallback, 0);
    }

    private ExpressionSyntax Expression(P.ExprContext? context, TextSpan fallback, int depth)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(fallback);
        }
        var span = Span(context, fallback);
        if (context.exception is ExpressionTooDeepException)
        {
            return new MissingExpressionSyntax(span); // the parser refused it and said so
        }
        if (depth > Limits.MaxNesting)
        {
            return TooDeep(context.Start, span);
        }
        NestingGuard.EnsureStack();
        return context switch
        {
            P.ParenExprContext c => Expression(c.expr(), span, depth + 1),
            P.CallExprContext c => Call(c.call(), span, depth),
            P.PowerExprContext c when c.expr(0) is P.QuantityExprContext quantity => UnitPower(quantity, c, span, depth),
            P.MemberExprContext or P.PowerExprContext or P.MultiplicativeExprContext or P.AdditiveExprContext
                or P.ComparisonExprContext or P.AndExprContext or P.OrExprContext => Chain(context, span, depth),
            P.UnaryExprContext c => new UnaryExpressionSyntax(UnaryOperatorOf(c.op), TokenSpan(c.op, span), Expression(c.expr(), EndOf(span), depth + 1), span),
            P.ListExprContext c => new ListExpressionSyntax(c.expr().Select(e => Expression(e, span, depth + 1)).ToImmutableArray(), span),
            P.QuantityExprContext c => Quantity(c.QUANTITY().Symbol, span),
            P.NumberExprContext c => Number(c.NUMBER().Symbol, span),
            P.BoolExprContext c => new BoolLiteralSyntax(c.TRUE() is not null, span),
            P.StringExprContext c => new StringLiteralSyntax(Unquote(c.STRING().GetText()), span),
            P.NameExprContext c => new NameExpressionSyntax(Name(c.IDENT()?.Symbol, span)),
            _ => new MissingExpressionSyntax(span),
        };
    }

    private CallExpressionSyntax Call(P.CallContext? context, TextSpan fallback, int depth)
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
            return new ArgumentSyntax(name, Expression(a.expr(), argumentSpan, depth + 1), argumentSpan);
        }).ToImmutableArray();
        return new CallExpressionSyntax(Name(context.IDENT()?.Symbol, span), arguments, span);
    }

    /// <summary>
    /// <c>20000 um**2</c>: the power of a quantity written without parentheses belongs to its unit (the
    /// exponent is the whole right side, so <c>2 ms**2**3</c> is 2 ms^8, as in Brian2). Without a unit
    /// (<c>1e3**2</c>) it is an ordinary power.
    /// </summary>
    private ExpressionSyntax UnitPower(P.QuantityExprContext left, P.PowerExprContext power, TextSpan span, int depth)
    {
        var quantity = Quantity(left.QUANTITY().Symbol, Span(left, span));
        var exponent = Expression(power.expr(1), EndOf(span), depth + 1);
        return quantity is QuantityLiteralSyntax q
            ? q with { UnitExponent = exponent, Span = span }
            : new BinaryExpressionSyntax(BinaryOperator.Power, TokenSpan(power.op, span), quantity, exponent, span);
    }

    /// <summary>
    /// A left-associative chain (<c>a + b - c</c>, <c>a.b.c</c>): ANTLR builds it without recursion,
    /// as a tree whose left spine is as long as the chain, so it is walked here without recursion
    /// too. Its first operand lies as deep as the chain is long; when that passes the limit, NC0004
    /// goes to the operator where, reading left to right, the chain becomes too deep, and the part
    /// of the chain below the limit becomes a missing expression.
    /// </summary>
    private ExpressionSyntax Chain(P.ExprContext root, TextSpan rootSpan, int depth)
    {
        var spine = new List<(P.ExprContext Node, TextSpan Span)>();
        P.ExprContext? node = root;
        var span = rootSpan;
        while (node is not null && LeftOperand(node) is var (left, isChain) && isChain)
        {
            spine.Add((node, span));
            span = left is null ? EndOf(span) : Span(left, span);
            node = left;
        }
        int kept = Math.Min(spine.Count, Limits.MaxNesting - depth);
        ExpressionSyntax current;
        if (kept < spine.Count)
        {
            var crossing = spine[spine.Count - (Limits.MaxNesting - depth + 1)];
            current = TooDeep(OperatorToken(crossing.Node), spine[kept].Span);
        }
        else
        {
            current = Expression(node, span, depth + spine.Count);
        }
        for (int j = kept - 1; j >= 0; j--)
        {
            var (context, nodeSpan) = spine[j];
            current = context switch
            {
                P.MemberExprContext c => new MemberExpressionSyntax(current, Name(c.IDENT()?.Symbol, EndOf(nodeSpan)), nodeSpan),
                _ => BinaryOf(context, current, nodeSpan, depth + j + 1),
            };
        }
        return current;
    }

    /// <summary>The left operand of a chain link, and whether this node is a link (a binary operator or '.').</summary>
    private static (P.ExprContext? Left, bool IsChain) LeftOperand(P.ExprContext node) => node switch
    {
        P.MemberExprContext c => (c.expr(), true),
        P.PowerExprContext c when c.expr(0) is P.QuantityExprContext => (null, false), // a unit's power (UnitPower), not a link
        P.PowerExprContext c => (c.expr(0), true),
        P.MultiplicativeExprContext c => (c.expr(0), true),
        P.AdditiveExprContext c => (c.expr(0), true),
        P.ComparisonExprContext c => (c.expr(0), true),
        P.AndExprContext c => (c.expr(0), true),
        P.OrExprContext c => (c.expr(0), true),
        _ => (null, false),
    };

    private static IToken? OperatorToken(P.ExprContext link) => link switch
    {
        P.MemberExprContext c => c.DOT()?.Symbol,
        P.PowerExprContext c => c.op,
        P.MultiplicativeExprContext c => c.op,
        P.AdditiveExprContext c => c.op,
        P.ComparisonExprContext c => c.op,
        P.AndExprContext c => c.op,
        P.OrExprContext c => c.op,
        _ => null,
    };

    private BinaryExpressionSyntax BinaryOf(P.ExprContext link, ExpressionSyntax left, TextSpan span, int rightDepth)
    {
        var (op, right) = link switch
        {
            P.PowerExprContext c => (c.op, c.expr(1)),
            P.MultiplicativeExprContext c => (c.op, c.expr(1)),
            P.AdditiveExprContext c => (c.op, c.expr(1)),
            P.ComparisonExprContext c => (c.op, c.expr(1)),
            P.AndExprContext c => (c.op, c.expr(1)),
            P.OrExprContext c => (c.op, c.expr(1)),
            _ => throw new InvalidOperationException($"{link.GetType().Name} is not a binary operator"),
        };
        return new BinaryExpressionSyntax(BinaryOperatorOf(op), TokenSpan(op, span), left, Expression(right, EndOf(span), rightDepth), span);
    }

    /// <summary>
    /// Reports NC0004 at the token where the limit is crossed (unless this expression has one already,
    /// from the parser or from here) and stands a missing expression for the part dropped.
    /// </summary>
    private MissingExpressionSyntax TooDeep(IToken? at, TextSpan dropped)
    {
        if (!_reportedTooDeep)
        {
            _diagnostics.Error(ErrorCode.NestingTooDeep, _text, TokenSpan(at, dropped), NestingMessages.Expression);
            _reportedTooDeep = true;
        }
        return new MissingExpressionSyntax(dropped);
    }

    /// <summary>Whether the parser reported a too-deep expression inside the span.</summary>
    private bool ReportedWithin(TextSpan span)
    {
        int first = BinarySearch(_parserTooDeepAt, span.Start);
        return first < _parserTooDeepAt.Count && _parserTooDeepAt[first] <= span.End;
    }

    /// <summary>The index of the first position at or after <paramref name="start"/>.</summary>
    private static int BinarySearch(IReadOnlyList<int> sorted, int start)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (sorted[middle] < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

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
