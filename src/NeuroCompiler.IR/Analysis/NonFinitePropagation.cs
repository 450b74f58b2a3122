using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.IR;

/// <summary>
/// Whether an expression of a neuron's update is certain to be NaN or infinite whenever one of the
/// neuron's states is, whatever its other operands hold. IEEE arithmetic carries NaN and infinities
/// through +, −, ×, negation and the numerator of ÷ (∞ − ∞, ∞ · 0 and ∞ / ∞ are NaN, never a
/// number), and through a selection both of whose branches carry it, but not through a denominator
/// (x / ∞ = 0), a function (exp(−∞) = 0) or a comparison; those count as not carrying it. A kernel uses this to test fewer values for finiteness
/// (docs/semantics.md, "Values that are not finite").
/// </summary>
public static class NonFinitePropagation
{
    /// <summary>True when a non-finite value of the neuron's state <paramref name="slot"/> makes <paramref name="expression"/> non-finite.</summary>
    public static bool Carries(IrExpression expression, int slot) =>
        Carries(expression, new VariableRef(VariableSpace.NeuronState, slot));

    /// <summary>True when a non-finite value of the update's local <paramref name="local"/> (<see cref="VariableSpace.Local"/>) makes <paramref name="expression"/> non-finite.</summary>
    public static bool CarriesLocal(IrExpression expression, int local) =>
        Carries(expression, new VariableRef(VariableSpace.Local, local));

    private static bool Carries(IrExpression expression, VariableRef source)
    {
        NestingGuard.EnsureStack();
        return expression switch
        {
            IrVariable { Ref: { Side: Side.Self } r } => r.Space == source.Space && r.Slot == source.Slot,
            IrUnary { Operator: IrUnaryOperator.Negate } u => Carries(u.Operand, source),
            IrBinary { Operator: IrBinaryOperator.Add or IrBinaryOperator.Subtract or IrBinaryOperator.Multiply } b =>
                Carries(b.Left, source) || Carries(b.Right, source),
            IrBinary { Operator: IrBinaryOperator.Divide } b => Carries(b.Left, source),
            IrSelect s => Carries(s.IfTrue, source) && Carries(s.IfFalse, source),
            _ => false,
        };
    }
}
