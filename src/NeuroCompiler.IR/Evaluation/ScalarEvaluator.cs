using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

/// <summary>
/// Evaluates an IR expression for one element in float64. This is the meaning of expressions for
/// everything computed once (constant folding, initial values, connectivity); per-step evaluation in
/// a backend must agree with it for float64 models.
/// </summary>
public static class ScalarEvaluator
{
    public static double Evaluate(IrExpression expression, IEvaluationEnvironment environment) => Evaluate(expression, environment, 0);

    // The stack safety net every 32 levels, not at every node: connectivity evaluates millions of times.
    private static double Evaluate(IrExpression expression, IEvaluationEnvironment environment, int depth)
    {
        if ((depth & 31) == 31)
        {
            NestingGuard.EnsureStack();
        }
        int d = depth + 1;
        return expression switch
        {
            IrConstant c => c.Value,
            IrVariable v => environment.Read(v.Ref),
            IrRandom r => environment.Random(r),
            IrUnary { Operator: IrUnaryOperator.Negate } u => -Evaluate(u.Operand, environment, d),
            IrUnary u => Evaluate(u.Operand, environment, d) == 0 ? 1 : 0,
            IrBinary b => Binary(b.Operator, Evaluate(b.Left, environment, d), Evaluate(b.Right, environment, d)),
            IrCall c => ScalarMath.Apply(c.Function, Evaluate(c.Argument, environment, d)),
            IrSelect s => Evaluate(s.Condition, environment, d) != 0 ? Evaluate(s.IfTrue, environment, d) : Evaluate(s.IfFalse, environment, d),
            _ => throw new InvalidOperationException($"{expression.GetType().Name} cannot be evaluated here"),
        };
    }

    public static double Binary(IrBinaryOperator op, double l, double r) => op switch
    {
        IrBinaryOperator.Add => l + r,
        IrBinaryOperator.Subtract => l - r,
        IrBinaryOperator.Multiply => l * r,
        IrBinaryOperator.Divide => l / r,
        IrBinaryOperator.Modulo => ScalarMath.Modulo(l, r),
        IrBinaryOperator.Power => ScalarMath.Power(l, r),
        IrBinaryOperator.Less => l < r ? 1 : 0,
        IrBinaryOperator.LessOrEqual => l <= r ? 1 : 0,
        IrBinaryOperator.Greater => l > r ? 1 : 0,
        IrBinaryOperator.GreaterOrEqual => l >= r ? 1 : 0,
        IrBinaryOperator.Equal => l == r ? 1 : 0,
        IrBinaryOperator.NotEqual => l != r ? 1 : 0,
        IrBinaryOperator.And => l != 0 && r != 0 ? 1 : 0,
        IrBinaryOperator.Or => l != 0 || r != 0 ? 1 : 0,
        IrBinaryOperator.Min => ScalarMath.Min(l, r),
        _ => ScalarMath.Max(l, r),
    };

    /// <summary>Evaluates an expression that reads only model parameters (and dt); null if it reads anything else.</summary>
    public static double? TryConstant(IrExpression expression, IReadOnlyList<GlobalParameter> globals, double dt)
    {
        if (expression.Any(e => e is IrRandom or IrNoise ||
                                e is IrVariable { Ref.Space: not (VariableSpace.Global or VariableSpace.Dt) }))
        {
            return null;
        }
        return Evaluate(expression, new ConstantEnvironment(globals, dt));
    }

    private sealed class ConstantEnvironment : IEvaluationEnvironment
    {
        private readonly IReadOnlyList<GlobalParameter> _globals;
        private readonly double _dt;

        public ConstantEnvironment(IReadOnlyList<GlobalParameter> globals, double dt)
        {
            _globals = globals;
            _dt = dt;
        }

        public double Read(VariableRef variable) => variable.Space == VariableSpace.Dt ? _dt : _globals[variable.Slot].Value;

        public double Random(IrRandom random) => throw new InvalidOperationException("not constant");
    }
}
