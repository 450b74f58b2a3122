namespace NeuroCompiler.Runtime;

/// <summary>
/// Single-precision deterministic functions, each defined as the <see cref="DetMath"/> double
/// function of the widened argument rounded once to float: <c>DetMathF.Exp(x) = (float)DetMath.Exp((double)x)</c>.
/// </summary>
/// <remarks>
/// Why not float overloads on <see cref="DetMath"/>: C# prefers the float overload for int
/// arguments (int → float is a "better" conversion than int → double), so
/// <c>DetMath.Pow(3, 16)</c> would quietly compute in single precision. A separate class, as with
/// <see cref="Math"/> and <see cref="MathF"/>, makes the precision explicit. The double result is
/// within about 0.5 double ulp, so these are correctly rounded floats except in rare double-rounding
/// cases (at most 1 float ulp away).
/// </remarks>
public static class DetMathF
{
    /// <summary>e^x: <c>(float)DetMath.Exp((double)x)</c>.</summary>
    public static float Exp(float x) => (float)DetMath.Exp((double)x);

    /// <summary>e^x − 1: <c>(float)DetMath.Expm1((double)x)</c>.</summary>
    public static float Expm1(float x) => (float)DetMath.Expm1((double)x);

    /// <summary>Natural logarithm: <c>(float)DetMath.Log((double)x)</c>.</summary>
    public static float Log(float x) => (float)DetMath.Log((double)x);

    /// <summary>ln(1 + x): <c>(float)DetMath.Log1p((double)x)</c>.</summary>
    public static float Log1p(float x) => (float)DetMath.Log1p((double)x);

    /// <summary>x^y: <c>(float)DetMath.Pow((double)x, (double)y)</c>.</summary>
    public static float Pow(float x, float y) => (float)DetMath.Pow((double)x, (double)y);

    /// <summary>Sine: <c>(float)DetMath.Sin((double)x)</c>.</summary>
    public static float Sin(float x) => (float)DetMath.Sin((double)x);

    /// <summary>Cosine: <c>(float)DetMath.Cos((double)x)</c>.</summary>
    public static float Cos(float x) => (float)DetMath.Cos((double)x);

    /// <summary>Hyperbolic tangent: <c>(float)DetMath.Tanh((double)x)</c>.</summary>
    public static float Tanh(float x) => (float)DetMath.Tanh((double)x);
}
