namespace NeuroCompiler.Runtime;

public static partial class DetMath
{
    // Cody–Waite split of ln 2 (fdlibm): Ln2Hi has 32 significant bits, so k * Ln2Hi is exact for
    // |k| < 2^21 and x - k * Ln2Hi is exact in the reduction below.
    private const double Ln2Hi = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000
    private const double Ln2Lo = 1.90821492927058770002e-10;  // 0x3DEA39EF35793C76
    private const double InvLn2 = 1.44269504088896338700e+00; // 0x3FF71547652B82FE

    /// <summary>
    /// e^x, deterministic. Measured error ≤ 0.52 ulp from the exact value (mpmath, 48 000
    /// arguments including subnormal results), ≤ 1 ulp from System.Math (glibc, 10^6 arguments
    /// per range in the tests).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Algorithm: k = ⌊x / ln2 + 1/2⌋; r = (x − k·Ln2Hi) − k·Ln2Lo, kept exactly as a
    /// double-double; w = e^r − 1 is evaluated to about 2^-57 relative (see <c>ExpCore</c>:
    /// exact r + r²/2 plus a degree-14 Taylor tail); 2^k (1 + w) is rounded once, also when
    /// it is subnormal (see <c>FinishExp</c>).
    /// </para>
    /// <para>
    /// Special values: NaN → NaN, +∞ → +∞, −∞ → +0. The largest x with a finite result is
    /// 709.782712893384 (0x40862E42FEFA39EF); the result is +0 once e^x &lt; 2^−1075
    /// (x ≤ −745.1332191019412).
    /// </para>
    /// </remarks>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.8)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.2)
        {
            return 0.0;
        }

        int k = ExpCore(x, 0.0, out double wh, out double wl);
        return FinishExp(wh, wl, k);
    }

    /// <summary>
    /// e^x − 1, deterministic and accurate also for tiny |x| (where <c>Exp(x) - 1</c> cancels).
    /// Measured error ≤ 0.55 ulp from the exact value (mpmath).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why: exact integration of linear decay needs 1 − e^(−dt/τ) = −Expm1(−dt/τ) for small
    /// dt/τ; computing it as 1 − Exp(−dt/τ) loses most significant digits.
    /// </para>
    /// <para>
    /// Algorithm: the same reduction as <see cref="Exp(double)"/> gives e^x = 2^k (1 + w) with
    /// w = wh + wl double-double; then e^x − 1 = w (k = 0), 2^k ((1 − 2^−k) + w) (k &gt; 0) or
    /// (2^k − 1) + 2^k w (k &lt; 0), each summed in double-double and rounded once.
    /// Special values: NaN → NaN, +∞ → +∞, −∞ → −1, ±0 → ±0; |x| &lt; 2^−54 returns x;
    /// x &lt; −40 returns −1.
    /// </para>
    /// </remarks>
    public static double Expm1(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.8)
        {
            return double.PositiveInfinity;
        }

        if (x < -40.0)
        {
            return -1.0;
        }

        if (Math.Abs(x) < 5.551115123125783e-17)
        {
            return x; // |x| < 2^-54: e^x - 1 = x (1 + x/2 + ...) rounds to x.
        }

        Expm1Core(x, out double h, out _);
        return h;
    }

    /// <summary>
    /// Shared reduction for exp: returns k and w = wh + wl with e^(x + xt) = 2^k (1 + w),
    /// |w| ≤ 0.42, relative error of w about 2^-57. Requires |x| ≤ 1100 and |xt| ≤ ulp(x).
    /// </summary>
    /// <remarks>
    /// k = ⌊x/ln2 + ½⌋, r = rh + rl = (x − k·Ln2Hi) − (k·Ln2Lo − xt) exactly (|r| ≲ ln2/2);
    /// e^r − 1 = rh + rh²/2 + rh³ q(rh) + rl (1 + rh), where rh + rh²/2 is formed exactly
    /// (TwoProd, TwoSum) and q is the Taylor polynomial Σ_{n=3..14} rh^(n−3)/n! in Horner form
    /// (truncation error below 2^-62 relative).
    /// </remarks>
    private static int ExpCore(double x, double xt, out double wh, out double wl)
    {
        double kd = Math.Floor((x * InvLn2) + 0.5);
        double hi = x - (kd * Ln2Hi); // exact
        double lo = (kd * Ln2Lo) - xt;
        DoubleDouble.TwoSum(hi, -lo, out double rh, out double rl);

        double q = 1.1470745597729725e-11;         // 1/14!
        q = 1.6059043836821613e-10 + (rh * q);     // 1/13!
        q = 2.08767569878681e-09 + (rh * q);       // 1/12!
        q = 2.505210838544172e-08 + (rh * q);      // 1/11!
        q = 2.755731922398589e-07 + (rh * q);      // 1/10!
        q = 2.7557319223985893e-06 + (rh * q);     // 1/9!
        q = 2.48015873015873e-05 + (rh * q);       // 1/8!
        q = 0.0001984126984126984 + (rh * q);      // 1/7!
        q = 0.001388888888888889 + (rh * q);       // 1/6!
        q = 0.008333333333333333 + (rh * q);       // 1/5!
        q = 0.041666666666666664 + (rh * q);       // 1/4!
        q = 0.16666666666666666 + (rh * q);        // 1/3!

        DoubleDouble.TwoProd(rh, rh, out double p, out double pe); // rh^2 exactly
        DoubleDouble.FastTwoSum(rh, 0.5 * p, out double s, out double e);
        e += (0.5 * pe) + ((rh * p) * q) + (rl + (rl * rh));
        DoubleDouble.FastTwoSum(s, e, out wh, out wl);
        return (int)kd;
    }

    /// <summary>
    /// Rounds 2^k (1 + wh + wl) once: 1 + w is formed exactly (TwoSum) and rounded to double,
    /// then scaled exactly by 2^k. When the result may be subnormal (k ≤ −1022) the value is
    /// instead expressed in units of 2^−1074 and rounded to an integer (ties to even), so
    /// subnormal results are also rounded only once.
    /// </summary>
    private static double FinishExp(double wh, double wl, int k)
    {
        DoubleDouble.TwoSum(1.0, wh, out double s, out double e);
        e += wl;
        if (k > -1022)
        {
            return ScaleB(s + e, k);
        }

        double vh = ScaleB(s, k + 1074); // exact: vh < 2^53
        double vl = ScaleB(e, k + 1074);
        double n = Math.Floor(vh);
        double frac = (vh - n) + vl;      // vh - n is exact; frac is in (-0.5 - tiny, 1.5)
        double adjust = Math.Floor(frac + 0.5);
        if (adjust - frac == 0.5 && Math.Floor((n + adjust) * 0.5) * 2.0 != n + adjust)
        {
            adjust -= 1.0; // a tie: round to even
        }

        return ScaleB(n + adjust, -1074); // exact
    }

    /// <summary>e^x − 1 as a double-double (h + l), for −40 ≤ x ≤ 709.8.</summary>
    private static void Expm1Core(double x, out double h, out double l)
    {
        int k = ExpCore(x, 0.0, out double wh, out double wl);
        if (k == 0)
        {
            h = wh;
            l = wl;
        }
        else if (k > 0)
        {
            // 2^k (1 + w) - 1 = 2^k ((1 - 2^-k) + w); 1 - 2^-k as a normalized double-double.
            double a = 1.0;
            double al = -ScaleB(1.0, -k);
            if (k <= 53)
            {
                a += al; // exact
                al = 0.0;
            }

            DoubleDouble.Add(a, al, wh, wl, out double uh, out double ul);
            h = ScaleB(uh, k);
            l = ScaleB(ul, k);
        }
        else
        {
            // 2^k (1 + w) - 1 = (-1 + 2^k) + 2^k w; 2^k >= 2^-59 here, so the products are exact.
            double s = ScaleB(1.0, k);
            double a = -1.0;
            double al = s;
            if (k >= -53)
            {
                a += al; // exact
                al = 0.0;
            }

            DoubleDouble.Add(a, al, s * wh, s * wl, out h, out l);
        }
    }
}
