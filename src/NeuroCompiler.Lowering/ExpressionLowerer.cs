using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

/// <summary>
/// Lowers bound expressions to IR expressions in one context (a population's neuron, a projection's
/// synapse). Names become slots; lets are substituted; every random call site gets its own stream,
/// named after where it stands (<c>E/state:v#0</c>) so that editing one part of a model does not
/// change the random numbers of another.
/// </summary>
internal sealed class ExpressionLowerer
{
    private readonly Func<VariableSymbol, VariableSide, IrExpression?> _resolve;
    private readonly Func<string, int>? _noiseIndex;
    private readonly string _streamPrefix;
    private int _randomSites;

    public ExpressionLowerer(Func<VariableSymbol, VariableSide, IrExpression?> resolve, string streamPrefix, Func<string, int>? noiseIndex = null)
    {
        _resolve = resolve;
        _streamPrefix = streamPrefix;
        _noiseIndex = noiseIndex;
    }

    public IrExpression Lower(BoundExpression expression)
    {
        NestingGuard.EnsureStack();
        return expression switch
        {
            BoundLiteral l => new IrConstant(l.Value),
            BoundBoolLiteral b => new IrConstant(b.Value ? 1 : 0),
            BoundVariable v => Variable(v),
            BoundUnary u => new IrUnary(u.Operator == BoundUnaryOperator.Negate ? IrUnaryOperator.Negate : IrUnaryOperator.Not, Lower(u.Operand)),
            BoundBinary b => Binary(b),
            BoundCall c => Call(c),
            _ => throw new InvalidOperationException($"cannot lower {expression.GetType().Name}: the binder should have rejected it"),
        };
    }

    private IrExpression Variable(BoundVariable v)
    {
        if (Builtins.IsNoiseName(v.Symbol.Name) && v.Symbol.Kind == VariableKind.Builtin && _noiseIndex is not null)
        {
            return new IrNoise(_noiseIndex(v.Symbol.Name));
        }
        return _resolve(v.Symbol, v.Side) ?? throw new InvalidOperationException($"'{v.Symbol.Name}' has no slot in this context");
    }

    private IrExpression Binary(BoundBinary b)
    {
        var left = Lower(b.Left);
        // Small whole powers become products (x**2 is x*x exactly); x**0.5 is sqrt(x).
        if (b.Operator == BoundBinaryOperator.Power && b.Right is BoundLiteral { Value: var n })
        {
            switch (n)
            {
                case 1:
                    return left;
                case 2:
                    return new IrBinary(IrBinaryOperator.Multiply, left, left);
                case 3:
                    return new IrBinary(IrBinaryOperator.Multiply, new IrBinary(IrBinaryOperator.Multiply, left, left), left);
                case -1:
                    return new IrBinary(IrBinaryOperator.Divide, IrConstant.One, left);
                case 0.5:
                    return new IrCall(MathFunction.Sqrt, left);
            }
        }
        var op = b.Operator switch
        {
            BoundBinaryOperator.Add => IrBinaryOperator.Add,
            BoundBinaryOperator.Subtract => IrBinaryOperator.Subtract,
            BoundBinaryOperator.Multiply => IrBinaryOperator.Multiply,
            BoundBinaryOperator.Divide => IrBinaryOperator.Divide,
            BoundBinaryOperator.Modulo => IrBinaryOperator.Modulo,
            BoundBinaryOperator.Power => IrBinaryOperator.Power,
            BoundBinaryOperator.Less => IrBinaryOperator.Less,
            BoundBinaryOperator.LessOrEqual => IrBinaryOperator.LessOrEqual,
            BoundBinaryOperator.Greater => IrBinaryOperator.Greater,
            BoundBinaryOperator.GreaterOrEqual => IrBinaryOperator.GreaterOrEqual,
            BoundBinaryOperator.Equal => IrBinaryOperator.Equal,
            BoundBinaryOperator.NotEqual => IrBinaryOperator.NotEqual,
            BoundBinaryOperator.And => IrBinaryOperator.And,
            _ => IrBinaryOperator.Or,
        };
        return new IrBinary(op, left, Lower(b.Right));
    }

    private IrExpression Call(BoundCall c)
    {
        var args = c.Arguments.Select(Lower).ToArray();
        return c.Function switch
        {
            BuiltinFunction.Exp => new IrCall(MathFunction.Exp, args[0]),
            BuiltinFunction.Log => new IrCall(MathFunction.Log, args[0]),
            BuiltinFunction.Log10 => new IrCall(MathFunction.Log10, args[0]),
            BuiltinFunction.Sqrt => new IrCall(MathFunction.Sqrt, args[0]),
            BuiltinFunction.Abs => new IrCall(MathFunction.Abs, args[0]),
            BuiltinFunction.Floor => new IrCall(MathFunction.Floor, args[0]),
            BuiltinFunction.Ceil => new IrCall(MathFunction.Ceil, args[0]),
            BuiltinFunction.Sin => new IrCall(MathFunction.Sin, args[0]),
            BuiltinFunction.Cos => new IrCall(MathFunction.Cos, args[0]),
            BuiltinFunction.Tanh => new IrCall(MathFunction.Tanh, args[0]),
            BuiltinFunction.Exprel => new IrCall(MathFunction.Exprel, args[0]),
            BuiltinFunction.Min => new IrBinary(IrBinaryOperator.Min, args[0], args[1]),
            BuiltinFunction.Max => new IrBinary(IrBinaryOperator.Max, args[0], args[1]),
            BuiltinFunction.Clip => new IrBinary(IrBinaryOperator.Min, new IrBinary(IrBinaryOperator.Max, args[0], args[1]), args[2]),
            BuiltinFunction.Pow => new IrBinary(IrBinaryOperator.Power, args[0], args[1]),
            BuiltinFunction.Where => new IrSelect(args[0], args[1], args[2]),
            BuiltinFunction.Rand => new IrRandom(RandomKind.Uniform, NextStream()),
            BuiltinFunction.Randn => new IrRandom(RandomKind.Normal, NextStream()),
            // uniform(a, b) = a + (b - a) * rand();  normal(m, s) = m + s * randn()
            BuiltinFunction.Uniform => new IrBinary(IrBinaryOperator.Add, args[0],
                new IrBinary(IrBinaryOperator.Multiply, new IrBinary(IrBinaryOperator.Subtract, args[1], args[0]), new IrRandom(RandomKind.Uniform, NextStream()))),
            _ => new IrBinary(IrBinaryOperator.Add, args[0], new IrBinary(IrBinaryOperator.Multiply, args[1], new IrRandom(RandomKind.Normal, NextStream()))),
        };
    }

    private uint NextStream() => CounterRng.StreamId($"{_streamPrefix}#{_randomSites++}");
}
