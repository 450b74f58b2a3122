namespace NeuroCompiler.Runtime;

/// <summary>
/// Deterministic Binomial(n, p) draws from a uniform and a standard normal variate (both from
/// <see cref="CounterRng"/>), e.g. for the number of spikes a Poisson population delivers
/// through n synapses in one step.
/// </summary>
/// <remarks>
/// Why this design: a rejection sampler (BTPE) would need an unbounded number of random numbers
/// and diverge between GPU threads. Instead, small means use exact CDF inversion (one uniform,
/// ≤ ~30 iterations of + × ÷), and large means the rounded normal approximation (one normal),
/// whose error in distribution is O(1/√(n·p·(1 − p))): the largest difference between its CDF
/// and the exact binomial CDF is about 0.012 at n·p = <see cref="InversionThreshold"/> with p → 0,
/// 0.006 for n = 100, p = 0.3 and 0.0005 for n = 60, p = 0.5 (computed with 30-digit arithmetic). See <see cref="BinomialTable.Sample"/>
/// for the exact algorithm.
/// </remarks>
public static class Binomial
{
    /// <summary>
    /// Inversion is used when n·min(p, 1 − p) &lt; 30, the normal approximation otherwise.
    /// 30 bounds the inversion loop (mean + 1 iterations on average) while keeping the normal
    /// approximation's skewness error (≈ (1 − 2p)/(6σ)) small.
    /// </summary>
    public const double InversionThreshold = 30.0;

    /// <summary>
    /// One Binomial(<paramref name="n"/>, <paramref name="p"/>) draw; identical to
    /// <c>new BinomialTable(n, p).Sample(u, z)</c> (which avoids the per-call <see cref="DetMath.Pow(double, double)"/>).
    /// </summary>
    /// <param name="n">Number of trials (≤ 0 gives 0).</param>
    /// <param name="p">Success probability (≤ 0 gives 0, ≥ 1 gives n).</param>
    /// <param name="u">Uniform variate in [0, 1), used by inversion.</param>
    /// <param name="z">Standard normal variate, used by the normal approximation.</param>
    public static int Sample(int n, double p, double u, double z) => new BinomialTable(n, p).Sample(u, z);
}
