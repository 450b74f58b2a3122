using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Folds constant subexpressions: a node whose operands are all constants becomes a constant,
/// computed in float64 (the result is rounded once to the model precision where it is used).
/// Nothing else is rewritten, so the order of floating-point operations stays as written.
/// </summary>
public static class ExpressionFolder
{
    public static IrExpression Fold(IrExpression expression) => expression.Rewrite(FoldNode);

    private static IrExpression FoldNode(IrExpression e) => e switch
    {
        IrUnary { Operand: IrConstant c } u => new IrConstant(u.Operator == IrUnaryOperator.Negate ? -c.Value : c.Value == 0 ? 1 : 0),
        IrBinary { Left: IrConstant l, Right: IrConstant r } b => new IrConstant(ScalarEvaluator.Binary(b.Operator, l.Value, r.Value)),
        IrCall { Argument: IrConstant a } c => new IrConstant(ScalarMath.Apply(c.Function, a.Value)),
        IrSelect { Condition: IrConstant c } s => c.Value != 0 ? s.IfTrue : s.IfFalse,
        _ => e,
    };
}
