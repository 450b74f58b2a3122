namespace NeuroCompiler.Runtime.Tests;

/// <summary>Distances in units in the last place, and max-error measurement over many arguments.</summary>
internal static class Ulp
{
    /// <summary>Maps doubles to integers monotonically, so adjacent doubles differ by 1 (±0 map to 0).</summary>
    public static long Ordered(double d)
    {
        long b = BitConverter.DoubleToInt64Bits(d);
        return b >= 0 ? b : -(b & long.MaxValue);
    }

    /// <summary>Number of representable doubles between a and b; 0 for two NaNs, long.MaxValue for one NaN.</summary>
    public static long Distance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Same for floats.</summary>
    public static long Distance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        }

        static long Ord(float f)
        {
            int b = BitConverter.SingleToInt32Bits(f);
            return b >= 0 ? b : -(long)(b & int.MaxValue);
        }

        return Math.Abs(Ord(a) - Ord(b));
    }

    /// <summary>Largest ulp distance between f and reference over the arguments, with the worst argument.</summary>
    public static (long Max, double Worst) MaxError(Func<double, double> f, Func<double, double> reference, IEnumerable<double> args)
    {
        long max = 0;
        double worst = double.NaN;
        foreach (double x in args)
        {
            long d = Distance(f(x), reference(x));
            if (d > max)
            {
                max = d;
                worst = x;
            }
        }

        return (max, worst);
    }

    /// <summary>Asserts that f stays within maxUlps of reference on every argument.</summary>
    public static void AssertWithin(long maxUlps, Func<double, double> f, Func<double, double> reference, IEnumerable<double> args)
    {
        (long max, double worst) = MaxError(f, reference, args);
        Assert.True(
            max <= maxUlps,
            $"max error {max} ulp > {maxUlps} at x = {worst:R} (got {f(worst):R}, expected {reference(worst):R})");
    }
}
