namespace NeuroCompiler.Runtime;

/// <summary>
/// Deterministic elementary functions: the same input gives the same output bits on every
/// machine, in the reference interpreter and in generated GPU kernels.
/// </summary>
/// <remarks>
/// <para>
/// Why: <see cref="System.Math"/> delegates Exp, Log, Pow, Sin, Cos and Tanh to the platform's C
/// library, whose results differ in the last bit between glibc, the Windows CRT, macOS and CUDA's
/// libdevice. A spiking simulation amplifies a single-bit difference into a different spike train,
/// so the language defines these functions by the algorithms in this class instead.
/// </para>
/// <para>
/// Every function is plain arithmetic on IEEE binary64 with round-to-nearest-even: +, -, *, /,
/// comparisons, <see cref="Math.Floor(double)"/>, <see cref="Math.Abs(double)"/>,
/// <see cref="Math.Sqrt(double)"/> (correctly rounded by IEEE 754) and bit manipulation of the
/// representation. Each operation is evaluated exactly in the order written; no fused
/// multiply-add is used or permitted (kernel code generators must disable FP contraction).
/// Constant tables, recursion, allocation and exceptions are avoided so that the methods compile
/// unchanged to GPU code (ILGPU).
/// </para>
/// <para>
/// Single-precision versions are in <see cref="DetMathF"/>, not overloads here: with float
/// overloads, <c>DetMath.Pow(3, 16)</c> with int arguments would silently bind to the float
/// version and return 43046720.
/// </para>
/// <para>
/// Special values follow IEEE 754 / C99 Annex F (and therefore <see cref="System.Math"/>).
/// Accuracy bounds quoted for each function are in units in the last place (ulp) of the result,
/// measured against <see cref="System.Math"/> (glibc) and against correctly rounded values
/// computed with 256-bit arithmetic (mpmath); they are documentation, the algorithm is the
/// definition.
/// </para>
/// </remarks>
public static partial class DetMath
{
    private const double TwoPow1023 = 8.98846567431158e+307; // 2^1023
    private const double TwoPowMinus969 = 2.004168360008973e-292; // 2^-969 = 2^-1022 * 2^53

    /// <summary>
    /// x · 2^n with a single rounding (exact unless the result is subnormal, overflows or
    /// underflows); the algorithm of musl's <c>scalbn</c>.
    /// </summary>
    internal static double ScaleB(double x, int n)
    {
        double y = x;
        if (n > 1023)
        {
            y *= TwoPow1023;
            n -= 1023;
            if (n > 1023)
            {
                y *= TwoPow1023;
                n -= 1023;
                if (n > 1023)
                {
                    n = 1023;
                }
            }
        }
        else if (n < -1022)
        {
            // Scale by 2^-1022 * 2^53 first so that only the last multiplication can round.
            y *= TwoPowMinus969;
            n += 969;
            if (n < -1022)
            {
                y *= TwoPowMinus969;
                n += 969;
                if (n < -1022)
                {
                    n = -1022;
                }
            }
        }

        return y * BitConverter.Int64BitsToDouble((long)(0x3FF + n) << 52);
    }

    /// <summary>Returns the double with the magnitude of <paramref name="magnitude"/> and the sign bit of <paramref name="sign"/>.</summary>
    private static double WithSignOf(double magnitude, double sign)
    {
        long m = BitConverter.DoubleToInt64Bits(magnitude) & long.MaxValue;
        long s = BitConverter.DoubleToInt64Bits(sign) & long.MinValue;
        return BitConverter.Int64BitsToDouble(m | s);
    }
}
