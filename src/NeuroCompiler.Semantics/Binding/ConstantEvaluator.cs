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

    public double Dt { get; set; } = double.NaN;

    public void SetValue(VariableSymbol symbol, double value) => _values[symbol] = value;

    public bool TryGetValue(VariableSymbol symbol, out double value) => _values.TryGetValue(symbol, out value);

    public bool TryEvaluate(BoundExpression expression, out double value)
    {
        value = Evaluate(expression) ?? double.NaN;
        return !double.IsNaN(value) || expression is BoundLiteral { Value: double.NaN };
    }

    public bool TryEvaluateBool(BoundExpression expression, out bool value)
    {
        double? result = Evaluate(expression);
        value = result is { } r && r != 0;
        return result is not null;
    }

    private double? Evaluate(BoundExpression expression)
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
                return Evaluate(unary.Operand) is { } operand
                    ? unary.Operator == BoundUnaryOperator.Negate ? -operand : operand == 0 ? 1 : 0
                    : null;
            case BoundBinary binary:
                {
                    if (Evaluate(binary.Left) is not { } l || Evaluate(binary.Right) is not { } r)
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
                        if (Evaluate(call.Arguments[i]) is not { } a)
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
