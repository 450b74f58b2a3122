namespace NeuroCompiler.Runtime;

/// <summary>
/// Precomputed constants for drawing Binomial(n, p) variates with fixed n and p, so that the
/// per-step draw uses only +, −, ×, ÷ and comparisons (no transcendental function).
/// </summary>
/// <remarks>
/// <para>
/// Construction (done once, e.g. when a network is built): q = min(p, 1 − p) and
/// <c>Flip</c> = p &gt; ½. If n·q &lt; <see cref="Binomial.InversionThreshold"/> the sampler
/// inverts the CDF of Binomial(n, q) from <c>Pmf0</c> = <see cref="DetMath.Pow(double, double)"/>(1 − q, n)
/// with <c>Ratio</c> = q / (1 − q), and returns n − k instead of k when <c>Flip</c> is set (working
/// with q ≤ ½ keeps Pmf0 ≥ e^−42, far from underflow). Otherwise it uses the normal
/// approximation with <c>Mean</c> = n·p and <c>StdDev</c> = √(n·p·(1 − p)).
/// </para>
/// <para>
/// Degenerate cases: n ≤ 0 or p ≤ 0 (or NaN) always gives 0; p ≥ 1 always gives n.
/// </para>
/// </remarks>
public readonly struct BinomialTable
{
    /// <summary>Creates the table for Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public BinomialTable(int n, double p)
    {
        N = n;
        P = p;
        if (n <= 0 || !(p > 0.0))
        {
            Kind = BinomialKind.AlwaysZero;
            return;
        }

        if (p >= 1.0)
        {
            Kind = BinomialKind.AlwaysN;
            return;
        }

        Flip = p > 0.5;
        double q = Flip ? 1.0 - p : p; // 1 - p is exact for p >= 0.5
        Mean = n * p;
        StdDev = Math.Sqrt(n * p * (1.0 - p));
        if (n * q < Binomial.InversionThreshold)
        {
            Kind = BinomialKind.Inversion;
            InversionMean = n * q;
            Pmf0 = DetMath.Pow(1.0 - q, n);
            Ratio = q / (1.0 - q);
        }
        else
        {
            Kind = BinomialKind.Normal;
        }
    }

    /// <summary>Number of trials.</summary>
    public int N { get; }

    /// <summary>Success probability as given.</summary>
    public double P { get; }

    /// <summary>Which sampling method this table uses.</summary>
    public BinomialKind Kind { get; }

    /// <summary>True when p &gt; ½ and the inversion runs on q = 1 − p (the result is then n − k).</summary>
    public bool Flip { get; }

    /// <summary>n·p (used by the normal approximation).</summary>
    public double Mean { get; }

    /// <summary>√(n·p·(1 − p)) (used by the normal approximation).</summary>
    public double StdDev { get; }

    /// <summary>n·q, the mean of the inverted distribution (used by the tail cut-off).</summary>
    public double InversionMean { get; }

    /// <summary>(1 − q)^n, the probability of zero successes of Binomial(n, q).</summary>
    public double Pmf0 { get; }

    /// <summary>q / (1 − q).</summary>
    public double Ratio { get; }

    /// <summary>
    /// Draws a variate from a uniform <paramref name="u"/> in [0, 1) and a standard normal
    /// <paramref name="z"/> (for example r0,r1 and r2,r3 of one <see cref="CounterRng.Block"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Inversion: k = 0, pmf = Pmf0, cdf = Pmf0; while cdf ≤ u and k &lt; n:
    /// pmf ← (pmf · ((n − k) · Ratio)) / (k + 1) (in this order, in double), k ← k + 1,
    /// and cdf ← cdf + pmf — except that when k &gt; n·q and cdf + pmf == cdf (the remaining tail
    /// is below double resolution, which only happens for u within ~1e−16 of 1) the loop stops
    /// and returns k. The result is k, or n − k when <see cref="Flip"/> is set. The loop runs
    /// about n·q + 1 times on average (at most ~30).
    /// </para>
    /// <para>
    /// Normal approximation: k = ⌊Mean + z·StdDev + ½⌋ clamped to [0, n]. Its variance is
    /// n·p·(1 − p) + 1/12 (from the rounding); skewness is neglected, which is why it is only
    /// used when n·min(p, 1 − p) ≥ 30.
    /// </para>
    /// </remarks>
    /// <summary>
    /// <see cref="Sample(double, double)"/> from one Philox block: u from (r0, r1), z from (r2, r3), the
    /// normal variate computed only when the normal approximation needs it (it costs a logarithm).
    /// </summary>
    public int SampleFromWords(uint r0, uint r1, uint r2, uint r3) => Kind switch
    {
        BinomialKind.AlwaysZero => 0,
        BinomialKind.Normal => Sample(0, CounterRng.NormalDoubleFromWords(r2, r3)),
        _ => Sample(CounterRng.UniformDoubleFromWords(r0, r1), 0),
    };

    public int Sample(double u, double z)
    {
        switch (Kind)
        {
            case BinomialKind.AlwaysZero:
                return 0;
            case BinomialKind.AlwaysN:
                return N;
            case BinomialKind.Inversion:
                int k = SampleInversion(N, Pmf0, Ratio, InversionMean, u);
                return Flip ? N - k : k;
            default:
                return NormalApproximation(Mean, StdDev, N, z);
        }
    }

    /// <summary>The normal approximation's draw: ⌊mean + z·sd + ½⌋ clamped to [0, n].</summary>
    public static int NormalApproximation(double mean, double stdDev, int n, double z)
    {
        double x = Math.Floor(mean + (z * stdDev) + 0.5);
        if (!(x > 0.0))
        {
            return 0;
        }

        return x >= n ? n : (int)x;
    }

    private static int SampleInversion(int n, double pmf0, double ratio, double mean, double u)
    {
        int k = 0;
        double pmf = pmf0;
        double cdf = pmf0;
        while (cdf <= u && k < n)
        {
            pmf = (pmf * ((n - k) * ratio)) / (k + 1);
            k++;
            double next = cdf + pmf;
            if (next == cdf && k > mean)
            {
                break;
            }

            cdf = next;
        }

        return k;
    }
}
