using Antlr4.Runtime;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax.Generated;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// The generated parser with a bound on how deeply expressions nest, the only rule that recurses.
/// ANTLR parses <c>((((1))))</c>, <c>-(-(-1))</c>, <c>abs(abs(1))</c> and <c>a ** b ** c</c> by
/// recursion, one <c>expr</c> invocation inside another. When one more would pass
/// <see cref="Limits.MaxNesting"/>, this reports NC0004 at its first token and fails that invocation;
/// <see cref="DepthLimitStrategy"/> then skips the whole too-deep expression, so the enclosing ones
/// parse what follows it as usual (their closing parentheses included) and nothing cascades.
/// A left-associative chain (<c>1 + 1 + ...</c>, <c>a.b.c</c>) is parsed by a loop that nests each
/// link's context around the last, so its first operand lies as deep as the chain is long: the link
/// that passes the limit is refused the same way, at its operator, and the rest of the chain skipped
/// (the tree builder checks the depth of what is built again, exactly). One expression gets one
/// NC0004: its other parts that are too deep (the next argument of the same call) are skipped quietly.
/// </summary>
internal sealed class DepthLimitedParser : NeuroParser
{
    // The outermost expression is level 0, so Limits.MaxNesting levels below it need one invocation more.
    private readonly NestingGuard _guard = new(Limits.MaxNesting + 1);
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly Stack<int> _chainLinks = new(); // per expr invocation: the links of its left-associative chain so far
    private bool _refused;
    private bool _reported; // in the current outermost expression
    private readonly List<int> _reportedAt = new();

    public DepthLimitedParser(ITokenStream input, SourceText text, DiagnosticBag diagnostics) : base(input)
    {
        _text = text;
        _diagnostics = diagnostics;
        ErrorHandler = new DepthLimitStrategy();
    }

    /// <summary>Where NC0004 was reported, in increasing order, so the tree builder does not report those expressions again.</summary>
    public IReadOnlyList<int> TooDeepAt => _reportedAt;

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
        _refused = !_guard.TryEnter();
        _chainLinks.Push(0);
    }

    // The generated loop calls this for each link of a chain, its operator not yet matched.
    public override void PushNewRecursionContext(ParserRuleContext localctx, int state, int ruleIndex)
    {
        base.PushNewRecursionContext(localctx, state, ruleIndex);
        int links = _chainLinks.Pop() + 1;
        _chainLinks.Push(links);
        if (_guard.Depth - 1 + links > Limits.MaxNesting)
        {
            Report(CurrentToken);
            throw new ExpressionTooDeepException(this, localctx, atOperator: true);
        }
    }

    // The generated rule calls this first inside its try block, so the exception below is caught by the
    // very invocation that is too deep, and its finally block still unrolls it.
    public override void EnterOuterAlt(ParserRuleContext localctx, int altNum)
    {
        base.EnterOuterAlt(localctx, altNum);
        if (_refused && localctx.RuleIndex == RULE_expr)
        {
            Report(CurrentToken);
            throw new ExpressionTooDeepException(this, localctx, atOperator: false);
        }
    }

    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        _chainLinks.Pop();
        if (_refused)
        {
            _refused = false;
        }
        else
        {
            _guard.Exit();
        }
        if (_guard.Depth == 0)
        {
            _reported = false;
        }
        base.UnrollRecursionContexts(_parentctx);
    }

    private void Report(IToken token)
    {
        if (_reported)
        {
            return;
        }
        _reported = true;
        var span = token.Type == TokenConstants.EOF || token.StartIndex < 0
            ? new TextSpan(_text.Length, 0)
            : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
        _diagnostics.Error(ErrorCode.NestingTooDeep, _text, span, NestingMessages.Expression);
        _reportedAt.Add(span.Start);
    }
}
