using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.IR.Passes;

/// <summary>An expression written as Σ Coefficients[k]·var_k + Rest, with no var_k left in the coefficients or the rest. A null coefficient is zero.</summary>
public sealed record LinearForm(IrExpression?[] Coefficients, IrExpression Rest);

/// <summary>
/// Splits an expression into a linear combination of chosen variables (states, or noises) and a
/// remainder, or says it is not linear in them. Used to find exactly solvable systems, the A and B of
/// exponential Euler, and the noise terms of stochastic equations.
/// </summary>
public static class Linearizer
{
    /// <param name="keyOf">The variable index of a node, or null when the node is not one of the variables.</param>
    public static LinearForm? Decompose(IrExpression expression, Func<IrExpression, int?> keyOf, int count)
    {
        NestingGuard.EnsureStack();
        if (keyOf(expression) is { } key)
        {
            var coefficients = new IrExpression?[count];
            coefficients[key] = IrConstant.One;
            return new LinearForm(coefficients, IrConstant.Zero);
        }
        if (!expression.Any(e => keyOf(e) is not null))
        {
            return new LinearForm(new IrExpression?[count], expression);
        }
        switch (expression)
        {
            case IrUnary { Operator: IrUnaryOperator.Negate } u:
                return Decompose(u.Operand, keyOf, count) is { } inner ? Map(inner, Negate) : null;
            case IrBinary { Operator: IrBinaryOperator.Add or IrBinaryOperator.Subtract } b:
                {
                    if (Decompose(b.Left, keyOf, count) is not { } l || Decompose(b.Right, keyOf, count) is not { } r)
                    {
                        return null;
                    }
                    bool add = b.Operator == IrBinaryOperator.Add;
                    var coefficients = new IrExpression?[count];
                    for (int k = 0; k < count; k++)
                    {
                        coefficients[k] = (l.Coefficients[k], r.Coefficients[k]) switch
                        {
                            (null, null) => null,
                            (var x, null) => x,
                            (null, var y) => add ? y : Negate(y!),
                            (var x, var y) => new IrBinary(b.Operator, x!, y!),
                        };
                    }
                    return new LinearForm(coefficients, Combine(b.Operator, l.Rest, r.Rest));
                }
            case IrBinary { Operator: IrBinaryOperator.Multiply } b:
                {
                    bool leftFree = !b.Left.Any(e => keyOf(e) is not null);
                    bool rightFree = !b.Right.Any(e => keyOf(e) is not null);
                    if (leftFree && Decompose(b.Right, keyOf, count) is { } r)
                    {
                        return Map(r, c => Multiply(b.Left, c));
                    }
                    if (rightFree && Decompose(b.Left, keyOf, count) is { } l)
                    {
                        return Map(l, c => Multiply(c, b.Right));
                    }
                    return null;
                }
            case IrBinary { Operator: IrBinaryOperator.Divide } b when !b.Right.Any(e => keyOf(e) is not null):
                return Decompose(b.Left, keyOf, count) is { } n ? Map(n, c => Divide(c, b.Right)) : null;
            default:
                return null;
        }
    }

    private static LinearForm Map(LinearForm form, Func<IrExpression, IrExpression> f) =>
        new(form.Coefficients.Select(c => c is null ? null : f(c)).ToArray(), IsZero(form.Rest) ? form.Rest : f(form.Rest));

    private static bool IsZero(IrExpression e) => e is IrConstant { Value: 0 };

    private static IrExpression Negate(IrExpression e) => e is IrConstant c ? new IrConstant(-c.Value) : new IrUnary(IrUnaryOperator.Negate, e);

    private static IrExpression Combine(IrBinaryOperator op, IrExpression l, IrExpression r)
    {
        if (IsZero(r))
        {
            return l;
        }
        if (IsZero(l))
        {
            return op == IrBinaryOperator.Add ? r : Negate(r);
        }
        return new IrBinary(op, l, r);
    }

    private static IrExpression Multiply(IrExpression a, IrExpression b) =>
        a is IrConstant { Value: 1 } ? b : b is IrConstant { Value: 1 } ? a : new IrBinary(IrBinaryOperator.Multiply, a, b);

    private static IrExpression Divide(IrExpression a, IrExpression b) =>
        b is IrConstant { Value: 1 } ? a : new IrBinary(IrBinaryOperator.Divide, a, b);
}
