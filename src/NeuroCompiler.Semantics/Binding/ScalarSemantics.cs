using NeuroCompiler.Runtime;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>The meaning of operators and functions on plain numbers, shared by compile-time evaluation.</summary>
internal static class ScalarSemantics
{
    public static double Binary(BoundBinaryOperator op, double l, double r) => op switch
    {
        BoundBinaryOperator.Add => l + r,
        BoundBinaryOperator.Subtract => l - r,
        BoundBinaryOperator.Multiply => l * r,
        BoundBinaryOperator.Divide => l / r,
        BoundBinaryOperator.Modulo => ScalarMath.Modulo(l, r),
        BoundBinaryOperator.Power => ScalarMath.Power(l, r),
        BoundBinaryOperator.Less => l < r ? 1 : 0,
        BoundBinaryOperator.LessOrEqual => l <= r ? 1 : 0,
        BoundBinaryOperator.Greater => l > r ? 1 : 0,
        BoundBinaryOperator.GreaterOrEqual => l >= r ? 1 : 0,
        BoundBinaryOperator.Equal => l == r ? 1 : 0,
        BoundBinaryOperator.NotEqual => l != r ? 1 : 0,
        BoundBinaryOperator.And => l != 0 && r != 0 ? 1 : 0,
        _ => l != 0 || r != 0 ? 1 : 0,
    };

    public static double Call(BuiltinFunction function, double[] a) => function switch
    {
        BuiltinFunction.Exp => ScalarMath.Apply(MathFunction.Exp, a[0]),
        BuiltinFunction.Log => ScalarMath.Apply(MathFunction.Log, a[0]),
        BuiltinFunction.Log10 => ScalarMath.Apply(MathFunction.Log10, a[0]),
        BuiltinFunction.Sqrt => ScalarMath.Apply(MathFunction.Sqrt, a[0]),
        BuiltinFunction.Abs => ScalarMath.Apply(MathFunction.Abs, a[0]),
        BuiltinFunction.Floor => ScalarMath.Apply(MathFunction.Floor, a[0]),
        BuiltinFunction.Ceil => ScalarMath.Apply(MathFunction.Ceil, a[0]),
        BuiltinFunction.Sin => ScalarMath.Apply(MathFunction.Sin, a[0]),
        BuiltinFunction.Cos => ScalarMath.Apply(MathFunction.Cos, a[0]),
        BuiltinFunction.Tanh => ScalarMath.Apply(MathFunction.Tanh, a[0]),
        BuiltinFunction.Exprel => ScalarMath.Apply(MathFunction.Exprel, a[0]),
        BuiltinFunction.Min => ScalarMath.Min(a[0], a[1]),
        BuiltinFunction.Max => ScalarMath.Max(a[0], a[1]),
        BuiltinFunction.Clip => ScalarMath.Clip(a[0], a[1], a[2]),
        BuiltinFunction.Pow => ScalarMath.Power(a[0], a[1]),
        BuiltinFunction.Where => a[0] != 0 ? a[1] : a[2],
        _ => double.NaN,
    };
}
