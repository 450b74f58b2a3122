namespace NeuroCompiler.Runtime;

public static partial class DetMath
{
    private const double TwoPow54 = 18014398509481984.0;            // 2^54
    private const long SqrtTwoMantissa = 0x6A09E667F3BCDL;          // mantissa bits of sqrt(2)
    private const double OneThirdHi = 0.3333333333333333;           // 1/3 = OneThirdHi + OneThirdLo
    private const double OneThirdLo = 1.850371707708594e-17;
    private const double OneFifthHi = 0.2;                          // 1/5 = OneFifthHi + OneFifthLo
    private const double OneFifthLo = -1.1102230246251566e-17;

    /// <summary>
    /// Natural logarithm, deterministic. Measured error ≤ 0.50 ulp from the exact value (mpmath):
    /// the result is the rounding of an internal double-double accurate to about 2^−68, so it is
    /// correctly rounded except in rare near-halfway cases. ≤ 1 ulp from System.Math.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm: x = 2^k · m with m ∈ [√½, √2) (subnormals are first scaled by 2^54);
    /// f = m − 1 (exact); s = f / (2 + f) as a double-double; ln m = 2 atanh s =
    /// 2s (1 + z/3 + z²/5 + z³ R(z)), z = s², where the first three terms are evaluated in
    /// double-double and R(z) = Σ_{j=3..13} z^(j−3)/(2j+1) in double (Horner);
    /// ln x = k·Ln2Hi + k·Ln2Lo + ln m, summed in double-double and rounded once.
    /// </para>
    /// <para>
    /// Special values: NaN or x &lt; 0 → NaN, ±0 → −∞, +∞ → +∞, 1 → +0.
    /// </para>
    /// </remarks>
    public static double Log(double x)
    {
        if (!(x > 0.0))
        {
            return x == 0.0 ? double.NegativeInfinity : double.NaN;
        }

        if (x == double.PositiveInfinity)
        {
            return x;
        }

        LogCore(x, out double hi, out _);
        return hi;
    }

    /// <summary>
    /// ln(1 + x), deterministic and accurate for tiny |x|. Measured error ≤ 0.55 ulp from the
    /// exact value (mpmath).
    /// </summary>
    /// <remarks>
    /// Algorithm: u + ul = 1 + x exactly (TwoSum); ln(1 + x) = ln u + ln(1 + ul/u) ≈
    /// LogCore(u) + c − c²/2 with c = ul/u, summed in double-double and rounded once.
    /// Special values: NaN or x &lt; −1 → NaN, −1 → −∞, +∞ → +∞; |x| &lt; 2^−54 returns x
    /// (so ±0 → ±0).
    /// </remarks>
    public static double Log1p(double x)
    {
        if (!(x >= -1.0))
        {
            return double.NaN;
        }

        if (x == -1.0)
        {
            return double.NegativeInfinity;
        }

        if (x == double.PositiveInfinity)
        {
            return x;
        }

        if (Math.Abs(x) < 5.551115123125783e-17)
        {
            return x; // |x| < 2^-54: ln(1 + x) = x (1 - x/2 + ...) rounds to x.
        }

        DoubleDouble.TwoSum(1.0, x, out double u, out double ul);
        LogCore(u, out double hi, out double lo);
        double c = ul / u;
        DoubleDouble.Add(hi, lo, c, -0.5 * c * c, out double h, out _);
        return h;
    }

    /// <summary>
    /// ln x = hi + lo (normalized double-double, hi = fl(hi + lo)) for finite x &gt; 0, with a
    /// relative error of about 2^-68. Shared by <see cref="Log(double)"/>,
    /// <see cref="Log1p(double)"/> and <see cref="Pow(double, double)"/>.
    /// </summary>
    private static void LogCore(double x, out double hi, out double lo)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int k = 0;
        if (bits < 0x0010000000000000L)
        {
            x *= TwoPow54; // subnormal: make it normal, exactly
            bits = BitConverter.DoubleToInt64Bits(x);
            k = -54;
        }

        k += (int)(bits >> 52) - 1023;
        long mant = bits & 0x000FFFFFFFFFFFFFL;
        double m;
        if (mant >= SqrtTwoMantissa)
        {
            m = BitConverter.Int64BitsToDouble(mant | 0x3FE0000000000000L); // m / 2 in [0.707, 1)
            k++;
        }
        else
        {
            m = BitConverter.Int64BitsToDouble(mant | 0x3FF0000000000000L); // m in [1, 1.414)
        }

        double f = m - 1.0; // exact (Sterbenz)

        // s = f / (2 + f) as a double-double (sh, sl).
        double d = 2.0 + f;
        double dl = f - (d - 2.0); // d + dl = 2 + f exactly
        double sh = f / d;
        DoubleDouble.TwoProd(sh, d, out double p, out double pe);
        double sl = (((f - p) - pe) - (sh * dl)) / d;

        DoubleDouble.Mul(sh, sl, sh, sl, out double zh, out double zl);

        // Tail of the atanh series, 1/7 + z/9 + ... + z^10/27, in plain double.
        double r = 0.037037037037037035;              // 1/27
        r = 0.04 + (zh * r);                           // 1/25
        r = 0.043478260869565216 + (zh * r);           // 1/23
        r = 0.047619047619047616 + (zh * r);           // 1/21
        r = 0.05263157894736842 + (zh * r);            // 1/19
        r = 0.058823529411764705 + (zh * r);           // 1/17
        r = 0.06666666666666667 + (zh * r);            // 1/15
        r = 0.07692307692307693 + (zh * r);            // 1/13
        r = 0.09090909090909091 + (zh * r);            // 1/11
        r = 0.1111111111111111 + (zh * r);             // 1/9
        r = 0.14285714285714285 + (zh * r);            // 1/7

        // t = 1 + z (1/3 + z (1/5 + z r)) in double-double.
        DoubleDouble.Mul(zh, zl, r, 0.0, out double th, out double tl);
        DoubleDouble.Add(OneFifthHi, OneFifthLo, th, tl, out th, out tl);
        DoubleDouble.Mul(zh, zl, th, tl, out th, out tl);
        DoubleDouble.Add(OneThirdHi, OneThirdLo, th, tl, out th, out tl);
        DoubleDouble.Mul(zh, zl, th, tl, out th, out tl);
        DoubleDouble.Add(1.0, 0.0, th, tl, out th, out tl);

        // ln m = 2 s t; ln x = k ln2 + ln m.
        DoubleDouble.Mul(2.0 * sh, 2.0 * sl, th, tl, out double lh, out double ll);
        double kd = k;
        DoubleDouble.Add(kd * Ln2Hi, kd * Ln2Lo, lh, ll, out hi, out lo);
    }
}
