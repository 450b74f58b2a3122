namespace NeuroCompiler.Runtime;

/// <summary>
/// The language's arithmetic on one number, defined once for the compiler's constant folding,
/// the reference interpreter and generated code. Transcendental functions are <see cref="DetMath"/>'s
/// (identical on every machine); a float32 model computes them in float64 and rounds once.
/// min/max/clip are plain comparisons (a NaN operand yields the other operand's position's rule:
/// <c>min(a, b) = a &lt; b ? a : b</c>).
/// </summary>
public static class ScalarMath
{
    private static readonly double Ln10 = DetMath.Log(10.0);

    public static double Apply(MathFunction function, double x) => function switch
    {
        MathFunction.Exp => DetMath.Exp(x),
        MathFunction.Log => DetMath.Log(x),
        MathFunction.Log10 => DetMath.Log(x) / Ln10,
        MathFunction.Sqrt => Math.Sqrt(x),
        MathFunction.Abs => Math.Abs(x),
        MathFunction.Floor => Math.Floor(x),
        MathFunction.Ceil => Math.Ceiling(x),
        MathFunction.Sin => DetMath.Sin(x),
        MathFunction.Cos => DetMath.Cos(x),
        MathFunction.Tanh => DetMath.Tanh(x),
        _ => x == 0 ? 1.0 : DetMath.Expm1(x) / x,
    };

    public static float Apply(MathFunction function, float x) => function switch
    {
        MathFunction.Sqrt => MathF.Sqrt(x),
        MathFunction.Abs => MathF.Abs(x),
        MathFunction.Floor => MathF.Floor(x),
        MathFunction.Ceil => MathF.Ceiling(x),
        _ => (float)Apply(function, (double)x),
    };

    /// <summary>Floored remainder, as Python and Brian2: the result has the sign of the divisor.</summary>
    public static double Modulo(double a, double b) => a - b * Math.Floor(a / b);

    public static float Modulo(float a, float b) => a - b * MathF.Floor(a / b);

    public static double Power(double a, double b) => DetMath.Pow(a, b);

    public static float Power(float a, float b) => (float)DetMath.Pow(a, b);

    public static double Min(double a, double b) => a < b ? a : b;

    public static double Max(double a, double b) => a > b ? a : b;

    public static double Clip(double x, double low, double high) => Min(Max(x, low), high);

    public static float Min(float a, float b) => a < b ? a : b;

    public static float Max(float a, float b) => a > b ? a : b;

    public static float Clip(float x, float low, float high) => Min(Max(x, low), high);
}
