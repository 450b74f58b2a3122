namespace NeuroCompiler.Targets.Mapping;

/// <summary>A positive real number as the integer hardware multiplies by: a 16-bit mantissa and a right shift, x ≈ mantissa / 2^shift.</summary>
public readonly record struct FixedPoint(long Mantissa, int Shift)
{
    /// <summary>The nearest, with the mantissa in [2^15, 2^16) (0 for x ≤ 0 or not finite).</summary>
    public static FixedPoint Of(double x)
    {
        if (x <= 0 || !double.IsFinite(x))
        {
            return new FixedPoint(0, 0);
        }
        int shift = 15 - (int)Math.Floor(Math.Log2(x));
        long mantissa = (long)Math.Round(x * Math.Pow(2, shift));
        if (mantissa >= 1 << 16)
        {
            shift--;
            mantissa = (long)Math.Round(x * Math.Pow(2, shift));
        }
        return new FixedPoint(mantissa, shift);
    }

    public double Value => Mantissa * Math.Pow(2, -Shift);

    /// <summary>(n · mantissa) ≫ shift, rounded to the nearest (halves up).</summary>
    public long Times(long n)
    {
        long scaled = n * Mantissa;
        return Shift > 0 ? (scaled + (1L << (Shift - 1))) >> Shift : scaled << -Shift;
    }

    /// <summary>(n · mantissa + r) ≫ shift with r uniform in [0, 2^shift): rounded up with the probability of the fraction (stochastic rounding).</summary>
    public long TimesStochastic(long n, ulong random)
    {
        long scaled = n * Mantissa;
        return Shift > 0 ? (scaled + (long)(random & ((1UL << Shift) - 1))) >> Shift : scaled << -Shift;
    }
}
