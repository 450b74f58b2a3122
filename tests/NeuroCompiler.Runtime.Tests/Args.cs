namespace NeuroCompiler.Runtime.Tests;

/// <summary>Reproducible argument generators for accuracy tests.</summary>
internal static class Args
{
    public const int Count = 100_000;

    /// <summary>Uniform in [lo, hi).</summary>
    public static IEnumerable<double> Uniform(int seed, double lo, double hi, int count = Count)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return lo + ((hi - lo) * rng.NextDouble());
        }
    }

    /// <summary>Positive finite doubles with uniformly random bit patterns (every binade and subnormals equally likely).</summary>
    public static IEnumerable<double> AllPositive(int seed, int count = Count)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FF0000000000000L));
        }
    }

    /// <summary>±m·10^−e with m uniform in [1, 10) and e uniform in [1, maxExp]: tiny arguments of every size.</summary>
    public static IEnumerable<double> Tiny(int seed, int maxExp, int count = Count)
    {
        var rng = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            double m = 1.0 + (9.0 * rng.NextDouble());
            double v = m * Math.Pow(10.0, -rng.Next(1, maxExp + 1));
            yield return rng.Next(2) == 0 ? v : -v;
        }
    }
}
