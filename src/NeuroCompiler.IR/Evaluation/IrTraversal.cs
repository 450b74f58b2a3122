using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.IR;

/// <summary>Walking and rewriting IR expressions.</summary>
public static class IrTraversal
{
    /// <summary>True when any node of the expression satisfies the predicate.</summary>
    public static bool Any(this IrExpression expression, Func<IrExpression, bool> predicate)
    {
        NestingGuard.EnsureStack();
        if (predicate(expression))
        {
            return true;
        }
        return expression switch
        {
            IrUnary u => u.Operand.Any(predicate),
            IrBinary b => b.Left.Any(predicate) || b.Right.Any(predicate),
            IrCall c => c.Argument.Any(predicate),
            IrSelect s => s.Condition.Any(predicate) || s.IfTrue.Any(predicate) || s.IfFalse.Any(predicate),
            _ => false,
        };
    }

    /// <summary>How many levels lie below the expression's root (0 for a constant or a variable).</summary>
    public static int Depth(this IrExpression expression)
    {
        NestingGuard.EnsureStack();
        return expression switch
        {
            IrUnary u => 1 + u.Operand.Depth(),
            IrBinary b => 1 + Math.Max(b.Left.Depth(), b.Right.Depth()),
            IrCall c => 1 + c.Argument.Depth(),
            IrSelect s => 1 + Math.Max(s.Condition.Depth(), Math.Max(s.IfTrue.Depth(), s.IfFalse.Depth())),
            _ => 0,
        };
    }

    public static bool References(this IrExpression expression, VariableSpace space) =>
        expression.Any(e => e is IrVariable v && v.Ref.Space == space);

    public static bool References(this IrExpression expression, VariableSpace space, int slot, Side side = Side.Self) =>
        expression.Any(e => e is IrVariable v && v.Ref.Space == space && v.Ref.Slot == slot && v.Ref.Side == side);

    public static bool HasRandom(this IrExpression expression) => expression.Any(e => e is IrRandom);

    public static bool HasNoise(this IrExpression expression) => expression.Any(e => e is IrNoise);

    /// <summary>
    /// Rebuilds the expression bottom-up, replacing each node by <paramref name="rewrite"/>'s result
    /// (its children already rewritten). Unchanged subtrees are kept, not copied.
    /// </summary>
    public static IrExpression Rewrite(this IrExpression expression, Func<IrExpression, IrExpression> rewrite)
    {
        NestingGuard.EnsureStack();
        IrExpression rebuilt = expression switch
        {
            IrUnary u when u.Operand.Rewrite(rewrite) is var o && !ReferenceEquals(o, u.Operand) => u with { Operand = o },
            IrBinary b when (b.Left.Rewrite(rewrite), b.Right.Rewrite(rewrite)) is var (l, r) && (!ReferenceEquals(l, b.Left) || !ReferenceEquals(r, b.Right)) =>
                b with { Left = l, Right = r },
            IrCall c when c.Argument.Rewrite(rewrite) is var a && !ReferenceEquals(a, c.Argument) => c with { Argument = a },
            IrSelect s when (s.Condition.Rewrite(rewrite), s.IfTrue.Rewrite(rewrite), s.IfFalse.Rewrite(rewrite)) is var (c, t, f) &&
                (!ReferenceEquals(c, s.Condition) || !ReferenceEquals(t, s.IfTrue) || !ReferenceEquals(f, s.IfFalse)) =>
                new IrSelect(c, t, f),
            _ => expression,
        };
        return rewrite(rebuilt);
    }
}
