using Antlr4.Runtime;
using NeuroCompiler.Syntax.Generated;

namespace NeuroCompiler.Syntax.Parsing;

/// <summary>
/// Skips one expression token by token, without recursion, the way the grammar's <c>expr</c> rule
/// would read it: operands and prefix operators, binary operators between operands, <c>.name</c>
/// after one, and brackets (parentheses, calls, lists) kept in balance. It stops before the first
/// token that cannot continue the expression: a closing bracket it did not open, or, outside its
/// brackets, anything that is not an operator after an operand (the next member, setting or
/// declaration). Inside its brackets it skips whatever it finds, since the whole expression is
/// dropped and reported already.
/// </summary>
internal static class ExpressionSkipper
{
    /// <param name="afterOperand">Whether the expression's first operand is read already (skipping the rest of a chain from its operator).</param>
    public static void Skip(ITokenStream tokens, bool afterOperand)
    {
        var open = new Stack<int>(); // the closing token each open bracket waits for
        bool expectOperand = !afterOperand;
        while (true)
        {
            int type = tokens.LA(1);
            if (type == TokenConstants.EOF)
            {
                return;
            }
            if (type is NeuroLexer.RPAREN or NeuroLexer.RBRACK)
            {
                if (open.Count == 0)
                {
                    return;
                }
                if (open.Peek() == type)
                {
                    open.Pop();
                }
                tokens.Consume();
                expectOperand = false;
                continue;
            }
            if (expectOperand)
            {
                if (!SkipOperandToken(tokens, type, open, ref expectOperand) && open.Count == 0)
                {
                    return;
                }
                continue;
            }
            if (IsBinaryOperator(type) || (type == NeuroLexer.COMMA && open.Count > 0))
            {
                tokens.Consume();
                expectOperand = true;
                continue;
            }
            if (type == NeuroLexer.DOT)
            {
                tokens.Consume();
                if (tokens.LA(1) == NeuroLexer.IDENT)
                {
                    tokens.Consume();
                }
                continue;
            }
            if (open.Count == 0)
            {
                return;
            }
            tokens.Consume(); // something broken inside the dropped brackets
        }
    }

    /// <summary>Skips a token where an operand is expected; false (nothing skipped) when it cannot start one.</summary>
    private static bool SkipOperandToken(ITokenStream tokens, int type, Stack<int> open, ref bool expectOperand)
    {
        switch (type)
        {
            case NeuroLexer.MINUS or NeuroLexer.PLUS or NeuroLexer.NOT:
                tokens.Consume();
                return true;
            case NeuroLexer.LPAREN:
                tokens.Consume();
                open.Push(NeuroLexer.RPAREN);
                return true;
            case NeuroLexer.LBRACK:
                tokens.Consume();
                open.Push(NeuroLexer.RBRACK);
                return true;
            case NeuroLexer.IDENT:
                tokens.Consume();
                if (tokens.LA(1) == NeuroLexer.LPAREN)
                {
                    tokens.Consume();
                    open.Push(NeuroLexer.RPAREN); // a call: its arguments follow
                }
                else if (tokens.LA(1) == NeuroLexer.ASSIGN && open.Count > 0 && open.Peek() == NeuroLexer.RPAREN)
                {
                    tokens.Consume(); // a named argument: its value follows
                }
                else
                {
                    expectOperand = false;
                }
                return true;
            case NeuroLexer.NUMBER or NeuroLexer.QUANTITY or NeuroLexer.STRING or NeuroLexer.TRUE or NeuroLexer.FALSE:
                tokens.Consume();
                expectOperand = false;
                return true;
            default:
                if (open.Count > 0)
                {
                    tokens.Consume(); // something broken inside the dropped brackets
                    return true;
                }
                return false;
        }
    }

    private static bool IsBinaryOperator(int type) => type is NeuroLexer.POW or NeuroLexer.STAR or NeuroLexer.SLASH or NeuroLexer.PERCENT
        or NeuroLexer.PLUS or NeuroLexer.MINUS or NeuroLexer.LT or NeuroLexer.LE or NeuroLexer.GT or NeuroLexer.GE
        or NeuroLexer.EQ or NeuroLexer.NE or NeuroLexer.AND or NeuroLexer.OR;
}
