using System.Globalization;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

/// <summary>Writes an IR expression as text with names, fully parenthesised where precedence needs it.</summary>
public static class ExpressionPrinter
{
    public static string Print(IrExpression expression, Func<VariableRef, string> name) => Print(expression, name, 0);

    private static string Print(IrExpression e, Func<VariableRef, string> name, int parent)
    {
        NestingGuard.EnsureStack();
        switch (e)
        {
            case IrConstant c:
                return Number(c.Value);
            case IrVariable v:
                return name(v.Ref);
            case IrRandom r:
                return $"{(r.Kind == RandomKind.Uniform ? "rand" : "randn")}[{r.Stream:x8}]()";
            case IrNoise n:
                return n.Index == 0 ? "xi" : $"xi#{n.Index}";
            case IrCall call:
                return $"{call.Function.ToString().ToLowerInvariant()}({Print(call.Argument, name, 0)})";
            case IrSelect s:
                return $"where({Print(s.Condition, name, 0)}, {Print(s.IfTrue, name, 0)}, {Print(s.IfFalse, name, 0)})";
            case IrUnary u:
                string operand = Print(u.Operand, name, 7);
                return Wrap(u.Operator == IrUnaryOperator.Negate ? "-" + operand : "not " + operand, 7, parent);
            case IrBinary { Operator: IrBinaryOperator.Min or IrBinaryOperator.Max } m:
                return $"{(m.Operator == IrBinaryOperator.Min ? "min" : "max")}({Print(m.Left, name, 0)}, {Print(m.Right, name, 0)})";
            case IrBinary b:
                int precedence = Precedence(b.Operator);
                // Left-associative: the right operand needs brackets at equal precedence.
                string left = Print(b.Left, name, b.Operator == IrBinaryOperator.Power ? precedence + 1 : precedence);
                string right = Print(b.Right, name, b.Operator == IrBinaryOperator.Power ? precedence : precedence + 1);
                return Wrap($"{left} {Symbol(b.Operator)} {right}", precedence, parent);
            default:
                return e.ToString() ?? "";
        }
    }

    private static string Wrap(string text, int precedence, int parent) => precedence < parent ? $"({text})" : text;

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int Precedence(IrBinaryOperator op) => op switch
    {
        IrBinaryOperator.Or => 1,
        IrBinaryOperator.And => 2,
        IrBinaryOperator.Less or IrBinaryOperator.LessOrEqual or IrBinaryOperator.Greater or IrBinaryOperator.GreaterOrEqual
            or IrBinaryOperator.Equal or IrBinaryOperator.NotEqual => 3,
        IrBinaryOperator.Add or IrBinaryOperator.Subtract => 4,
        IrBinaryOperator.Multiply or IrBinaryOperator.Divide or IrBinaryOperator.Modulo => 5,
        _ => 8,
    };

    private static string Symbol(IrBinaryOperator op) => op switch
    {
        IrBinaryOperator.Add => "+",
        IrBinaryOperator.Subtract => "-",
        IrBinaryOperator.Multiply => "*",
        IrBinaryOperator.Divide => "/",
        IrBinaryOperator.Modulo => "%",
        IrBinaryOperator.Power => "**",
        IrBinaryOperator.Less => "<",
        IrBinaryOperator.LessOrEqual => "<=",
        IrBinaryOperator.Greater => ">",
        IrBinaryOperator.GreaterOrEqual => ">=",
        IrBinaryOperator.Equal => "==",
        IrBinaryOperator.NotEqual => "!=",
        IrBinaryOperator.And => "and",
        _ => "or",
    };
}
