namespace NeuroCompiler.Runtime;

/// <summary>
/// Error-free transformations and double-double (unevaluated sum hi + lo) arithmetic
/// (Dekker 1971; Knuth, TAOCP vol. 2, 4.2.2; Shewchuk 1997), used where
/// <see cref="DetMath"/> needs more than 53 bits internally.
/// </summary>
/// <remarks>
/// Only IEEE binary64 +, -, * and / with round-to-nearest-even are used, each evaluated exactly
/// as written. No fused multiply-add may be used (it would change the results): the exact
/// product is obtained with Dekker's splitting instead, so the code gives the same bits on every
/// IEEE machine, provided the compiler does not contract a*b+c into an FMA. Kernel generators must
/// therefore disable FP contraction (e.g. PTX <c>mul.rn</c>/<c>add.rn</c>, <c>-fmad=false</c>).
/// Products are exact only without overflow and when the operands are below about 2^996.
/// </remarks>
internal static class DoubleDouble
{
    /// <summary>2^27 + 1, Dekker's splitting constant for 53-bit significands.</summary>
    private const double Splitter = 134217729.0;

    /// <summary>s + e = a + b exactly, s = fl(a + b) (Knuth's branch-free TwoSum).</summary>
    public static void TwoSum(double a, double b, out double s, out double e)
    {
        s = a + b;
        double bb = s - a;
        e = (a - (s - bb)) + (b - bb);
    }

    /// <summary>s + e = a + b exactly, s = fl(a + b); requires |a| ≥ |b| or a = 0.</summary>
    public static void FastTwoSum(double a, double b, out double s, out double e)
    {
        s = a + b;
        e = b - (s - a);
    }

    /// <summary>hi + lo = a with hi holding the upper 26 significand bits (Dekker's split).</summary>
    public static void Split(double a, out double hi, out double lo)
    {
        double t = Splitter * a;
        hi = t - (t - a);
        lo = a - hi;
    }

    /// <summary>p + e = a · b exactly, p = fl(a · b) (Dekker's TwoProduct, no FMA).</summary>
    public static void TwoProd(double a, double b, out double p, out double e)
    {
        p = a * b;
        Split(a, out double ah, out double al);
        Split(b, out double bh, out double bl);
        e = (((ah * bh) - p) + (ah * bl) + (al * bh)) + (al * bl);
    }

    /// <summary>(h, l) ≈ (ah + al) · (bh + bl), relative error about 2^-104.</summary>
    public static void Mul(double ah, double al, double bh, double bl, out double h, out double l)
    {
        TwoProd(ah, bh, out double p, out double e);
        e += (ah * bl) + (al * bh);
        FastTwoSum(p, e, out h, out l);
    }

    /// <summary>(h, l) ≈ (ah + al) + (bh + bl), the accurate (IEEE-style) double-double sum.</summary>
    public static void Add(double ah, double al, double bh, double bl, out double h, out double l)
    {
        TwoSum(ah, bh, out double s1, out double s2);
        TwoSum(al, bl, out double t1, out double t2);
        s2 += t1;
        FastTwoSum(s1, s2, out s1, out s2);
        s2 += t2;
        FastTwoSum(s1, s2, out h, out l);
    }
}
