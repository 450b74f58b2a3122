namespace NeuroCompiler.Runtime;

public static partial class DetMath
{
    /// <summary>|x| up to which the argument reduction is accurate: 2^20 · π/2 ≈ 1.647e6 (fdlibm's medium range).</summary>
    public const double TrigAccurateRange = 1647099.3291652855; // 0x413921FB54442D18

    // Cody–Waite split of pi/2 in three 33-bit parts plus tails (fdlibm __ieee754_rem_pio2).
    private const double InvPio2 = 6.36619772367581382433e-01; // 0x3FE45F306DC9C883
    private const double Pio2_1 = 1.57079632673412561417e+00;  // 0x3FF921FB54400000
    private const double Pio2_1t = 6.07710050650619224932e-11; // 0x3DD0B4611A626331
    private const double Pio2_2 = 6.07710050630396597660e-11;  // 0x3DD0B4611A600000
    private const double Pio2_2t = 2.02226624879595063154e-21; // 0x3BA3198A2E037073
    private const double Pio2_3 = 2.02226624871116645580e-21;  // 0x3BA3198A2E000000
    private const double Pio2_3t = 8.47842766036889956997e-32; // 0x397B839A252049C1

    // fdlibm __kernel_sin / __kernel_cos minimax coefficients on [-pi/4, pi/4].
    private const double S1 = -1.66666666666666324348e-01; // 0xBFC5555555555549
    private const double S2 = 8.33333333332248946124e-03;  // 0x3F8111111110F8A6
    private const double S3 = -1.98412698298579493134e-04; // 0xBF2A01A019C161D5
    private const double S4 = 2.75573137070700676789e-06;  // 0x3EC71DE357B1FE7D
    private const double S5 = -2.50507602534068634195e-08; // 0xBE5AE5E68A2B9CEB
    private const double S6 = 1.58969099521155010221e-10;  // 0x3DE5D93A5ACFD57C
    private const double C1 = 4.16666666666666019037e-02;  // 0x3FA555555555554C
    private const double C2 = -1.38888888888741095749e-03; // 0xBF56C16C16C15177
    private const double C3 = 2.48015872894767294178e-05;  // 0x3EFA01A019CB1590
    private const double C4 = -2.75573143513906633035e-07; // 0xBE927E4F809C52AD
    private const double C5 = 2.08757232129817482790e-09;  // 0x3E21EE9EBDB4B1C4
    private const double C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9BE8838D4

    /// <summary>
    /// Sine, deterministic. For |x| ≤ <see cref="TrigAccurateRange"/> (2^20·π/2 ≈ 1.6e6) the
    /// measured error is ≤ 0.72 ulp from the exact value (mpmath, including x near multiples of
    /// π/2) and ≤ 1 ulp from System.Math.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm (fdlibm): x = n·π/2 + (y0 + y1) by Cody–Waite reduction with π/2 split into
    /// three 33-bit parts (up to 151 bits of π/2 are used when cancellation requires it), then
    /// fdlibm's degree-13 sine / degree-14 cosine kernels on [−π/4, π/4], chosen by n mod 4.
    /// </para>
    /// <para>
    /// Beyond <see cref="TrigAccurateRange"/>, Sin(x) = sign(x)·Sin(|x| mod TwoPi) where
    /// TwoPi = fl(2π) = 6.283185307179586 and the remainder is computed exactly
    /// (<see cref="RemainderTwoPi"/>). This is deterministic and in [−1, 1] for every finite x,
    /// but since TwoPi differs from 2π by 2.4e−16 the absolute error grows like |x|·4e−17
    /// (≈ 1e−10 at 2e6); the value is meaningless once |x| ≳ 1e15. Keep phases reduced
    /// (e.g. in [0, 2π)) in models. NaN and ±∞ give NaN; ±0 gives ±0.
    /// </para>
    /// </remarks>
    public static double Sin(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax <= TrigAccurateRange))
        {
            if (!double.IsFinite(x))
            {
                return double.NaN;
            }

            double s = SinInRange(RemainderTwoPi(ax));
            return x < 0.0 ? -s : s;
        }

        return SinInRange(x);
    }

    /// <summary>
    /// Cosine, deterministic. Error ≤ 1 ulp for |x| ≤ <see cref="TrigAccurateRange"/>; same
    /// algorithm, range and special values as <see cref="Sin(double)"/> (Cos(±0) = 1; beyond the
    /// range Cos(x) = Cos(|x| mod TwoPi)).
    /// </summary>
    public static double Cos(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax <= TrigAccurateRange))
        {
            return double.IsFinite(x) ? CosInRange(RemainderTwoPi(ax)) : double.NaN;
        }

        return CosInRange(x);
    }

    /// <summary>sin x for |x| ≤ <see cref="TrigAccurateRange"/>.</summary>
    private static double SinInRange(double x)
    {
        double ax = Math.Abs(x);
        if (ax <= 0.7853981633974483)
        {
            if (ax < 7.450580596923828e-09)
            {
                return x; // |x| < 2^-27: sin x rounds to x (and keeps the sign of zero)
            }

            return KernelSin(x, 0.0, false);
        }

        int n = ReducePio2(x, out double y0, out double y1);
        return n switch
        {
            0 => KernelSin(y0, y1, true),
            1 => KernelCos(y0, y1),
            2 => -KernelSin(y0, y1, true),
            _ => -KernelCos(y0, y1),
        };
    }

    /// <summary>cos x for |x| ≤ <see cref="TrigAccurateRange"/>.</summary>
    private static double CosInRange(double x)
    {
        double ax = Math.Abs(x);
        if (ax <= 0.7853981633974483)
        {
            if (ax < 7.450580596923828e-09)
            {
                return 1.0; // |x| < 2^-27: cos x rounds to 1
            }

            return KernelCos(x, 0.0);
        }

        int n = ReducePio2(x, out double y0, out double y1);
        return n switch
        {
            0 => KernelCos(y0, y1),
            1 => -KernelSin(y0, y1, true),
            2 => -KernelCos(y0, y1),
            _ => KernelSin(y0, y1, true),
        };
    }

    /// <summary>
    /// t mod fl(2π) for finite t ≥ 0, exactly: the textbook long division that subtracts
    /// fl(2π)·2^j for j from the exponent difference down to 0. Every subtraction is exact
    /// (Sterbenz: m ≤ r &lt; 2m), so the result is the exact remainder, in [0, fl(2π)).
    /// At most ~1030 iterations; only used for |x| beyond <see cref="TrigAccurateRange"/>.
    /// </summary>
    internal static double RemainderTwoPi(double t)
    {
        const double TwoPi = 6.283185307179586;
        double r = t;
        if (r < TwoPi)
        {
            return r;
        }

        double m = ScaleB(TwoPi, BiasedExponent(r) - BiasedExponent(TwoPi)); // exact, same binade as r
        if (m > r)
        {
            m *= 0.5;
        }

        while (m >= TwoPi)
        {
            if (r >= m)
            {
                r -= m; // exact: m <= r < 2m
            }

            m *= 0.5;
        }

        return r;
    }

    /// <summary>
    /// Cody–Waite reduction (fdlibm's medium case): x = N·π/2 + y0 + y1, |y0| ≲ π/4;
    /// returns N mod 4 (0..3). Used for π/4 &lt; |x| ≤ <see cref="TrigAccurateRange"/>.
    /// </summary>
    private static int ReducePio2(double x, out double y0, out double y1)
    {
        double t = Math.Abs(x);
        double fn = Math.Floor((t * InvPio2) + 0.5);
        double r = t - (fn * Pio2_1);
        double w = fn * Pio2_1t; // first round: 33 + 53 bits of pi/2
        int j = BiasedExponent(t);
        y0 = r - w;
        if (j - BiasedExponent(y0) > 16)
        {
            // Cancellation: second round, 33 + 33 + 53 bits of pi/2.
            double u = r;
            w = fn * Pio2_2;
            r = u - w;
            w = (fn * Pio2_2t) - ((u - r) - w);
            y0 = r - w;
            if (j - BiasedExponent(y0) > 49)
            {
                // Third round, 151 bits of pi/2: covers every x in the accurate range.
                u = r;
                w = fn * Pio2_3;
                r = u - w;
                w = (fn * Pio2_3t) - ((u - r) - w);
                y0 = r - w;
            }
        }

        y1 = (r - y0) - w;
        int n = (int)(fn - (4.0 * Math.Floor(fn * 0.25))); // fn mod 4 (exact)
        if (x < 0.0)
        {
            y0 = -y0;
            y1 = -y1;
            n = (4 - n) & 3;
        }

        return n;
    }

    private static int BiasedExponent(double v) => (int)((BitConverter.DoubleToInt64Bits(v) >> 52) & 0x7FF);

    /// <summary>sin(x + y) for |x| ≤ π/4, |y| ≤ ulp(x)/2 (fdlibm __kernel_sin).</summary>
    private static double KernelSin(double x, double y, bool hasTail)
    {
        double z = x * x;
        double v = z * x;
        double r = S2 + (z * (S3 + (z * (S4 + (z * (S5 + (z * S6)))))));
        if (!hasTail)
        {
            return x + (v * (S1 + (z * r)));
        }

        return x - (((z * ((0.5 * y) - (v * r))) - y) - (v * S1));
    }

    /// <summary>cos(x + y) for |x| ≤ π/4, |y| ≤ ulp(x)/2 (FreeBSD's revision of fdlibm __kernel_cos).</summary>
    private static double KernelCos(double x, double y)
    {
        double z = x * x;
        double w = z * z;
        double r = (z * (C1 + (z * (C2 + (z * C3))))) + (w * w * (C4 + (z * (C5 + (z * C6)))));
        double hz = 0.5 * z;
        w = 1.0 - hz;
        return w + (((1.0 - w) - hz) + ((z * r) - (x * y)));
    }
}
