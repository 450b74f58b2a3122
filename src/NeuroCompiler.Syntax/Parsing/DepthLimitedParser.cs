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
/// Left-associative chains (<c>1 + 1 + ...</c>) do not recurse here; the tree builder bounds them.
/// </summary>
internal sealed class DepthLimitedParser : NeuroParser
{
    // The outermost expression is level 0, so Limits.MaxNesting levels below it need one invocation more.
    private readonly NestingGuard _guard = new(Limits.MaxNesting + 1);
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private bool _refused;

    public DepthLimitedParser(ITokenStream input, SourceText text, DiagnosticBag diagnostics) : base(input)
    {
        _text = text;
        _diagnostics = diagnostics;
        ErrorHandler = new DepthLimitStrategy();
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
        _refused = !_guard.TryEnter();
    }

    // The generated rule calls this first inside its try block, so the exception below is caught by the
    // very invocation that is too deep, and its finally block still unrolls it.
    public override void EnterOuterAlt(ParserRuleContext localctx, int altNum)
    {
        base.EnterOuterAlt(localctx, altNum);
        if (_refused && localctx.RuleIndex == RULE_expr)
        {
            var token = CurrentToken;
            var span = token.Type == TokenConstants.EOF || token.StartIndex < 0
                ? new TextSpan(_text.Length, 0)
                : TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
            _diagnostics.Error(ErrorCode.NestingTooDeep, _text, span, NestingMessages.Expression);
            throw new ExpressionTooDeepException(this, localctx);
        }
    }

    public override void UnrollRecursionContexts(ParserRuleContext _parentctx)
    {
        if (_refused)
        {
            _refused = false;
        }
        else
        {
            _guard.Exit();
        }
        base.UnrollRecursionContexts(_parentctx);
    }
}
