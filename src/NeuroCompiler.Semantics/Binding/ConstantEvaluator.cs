using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Evaluates expressions made of literals and model-level parameters at compile time (sizes,
/// probabilities, exponents, times), with the same deterministic functions the simulation uses.
/// </summary>
internal sealed class ConstantEvaluator
{
    private readonly Dictionary<VariableSymbol, double> _values = new();

    // The value (or null: not a constant) of each node the binder has bound, so checking every new node
    // looks at its operands once instead of walking its whole subtree again.
    private readonly Dictionary<BoundExpression, double?> _bound = new(ReferenceEqualityComparer.Instance);

    public double Dt { get; set; } = double.NaN;

    public void SetValue(VariableSymbol symbol, double value) => _values[symbol] = value;

    public bool TryGetValue(VariableSymbol symbol, out double value) => _values.TryGetValue(symbol, out value);

    /// <summary>The value of a constant expression (infinite or NaN included); false when it is not a constant.</summary>
    public bool TryEvaluate(BoundExpression expression, out double value)
    {
        double? result = Evaluate(expression, memo: false);
        value = result ?? double.NaN;
        return result is not null;
    }

    public bool TryEvaluateBool(BoundExpression expression, out bool value)
    {
        double? result = Evaluate(expression, memo: false);
        value = result is { } r && r != 0;
        return result is not null;
    }

    /// <summary>The value of an expression that depends on a neuron's index i and constants only, for that index.</summary>
    public bool TryEvaluateAtIndex(BoundExpression expression, int index, out double value)
    {
        _values[Builtins.I] = index;
        try
        {
            return TryEvaluate(expression, out value);
        }
        finally
        {
            _values.Remove(Builtins.I);
        }
    }

    /// <summary>
    /// The value of a node the binder has just built, when it is a constant; its operands' values are
    /// remembered from when they were bound. Only for binding: the values of i and dt must not change after.
    /// </summary>
    public double? ValueOfNewNode(BoundExpression expression) => Evaluate(expression, memo: true);

    private double? Evaluate(BoundExpression expression, bool memo)
    {
        if (memo && _bound.TryGetValue(expression, out double? known))
        {
            return known;
        }
        double? value = Compute(expression, memo);
        if (memo && expression is BoundUnary or BoundBinary or BoundCall)
        {
            _bound[expression] = value;
        }
        return value;
    }

    private double? Compute(BoundExpression expression, bool memo)
    {
        NestingGuard.EnsureStack();
        switch (expression)
        {
            case BoundLiteral literal:
                return literal.Value;
            case BoundBoolLiteral b:
                return b.Value ? 1 : 0;
            case BoundVariable { Symbol: var symbol }:
                if (_values.TryGetValue(symbol, out double v))
                {
                    return v;
                }
                return symbol == Builtins.Dt && !double.IsNaN(Dt) ? Dt : null;
            case BoundUnary unary:
                return Evaluate(unary.Operand, memo) is { } operand
                    ? unary.Operator == BoundUnaryOperator.Negate ? -operand : operand == 0 ? 1 : 0
                    : null;
            case BoundBinary binary:
                {
                    if (Evaluate(binary.Left, memo) is not { } l || Evaluate(binary.Right, memo) is not { } r)
                    {
                        return null;
                    }
                    return ScalarSemantics.Binary(binary.Operator, l, r);
                }
            case BoundCall call when !call.Function.IsRandom():
                {
                    var args = new double[call.Arguments.Length];
                    for (int i = 0; i < args.Length; i++)
                    {
                        if (Evaluate(call.Arguments[i], memo) is not { } a)
                        {
                            return null;
                        }
                        args[i] = a;
                    }
                    return ScalarSemantics.Call(call.Function, args);
                }
            default:
                return null;
        }
    }
}
