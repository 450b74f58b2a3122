namespace NeuroCompiler.Runtime.Tests;

public class BinomialTests
{
    [Theory]
    [InlineData(10, 0.3, BinomialKind.Inversion)]
    [InlineData(1000, 0.01, BinomialKind.Inversion)]
    [InlineData(1_000_000, 0.00002, BinomialKind.Inversion)]
    [InlineData(40, 0.9, BinomialKind.Inversion)]       // flipped: n (1 - p) = 4
    [InlineData(100, 0.5, BinomialKind.Normal)]
    [InlineData(10_000, 0.2, BinomialKind.Normal)]
    [InlineData(5000, 0.97, BinomialKind.Normal)]       // n (1 - p) = 150
    public void MeanAndVarianceMatchTheBinomial(int n, double p, BinomialKind expectedKind)
    {
        var table = new BinomialTable(n, p);
        Assert.Equal(expectedKind, table.Kind);

        const int Samples = 1_000_000;
        uint stream = CounterRng.StreamId($"binomial {n} {p}");
        double sum = 0, sumSq = 0;
        for (int i = 0; i < Samples; i++)
        {
            CounterRng.Block(99, stream, (uint)i, 5, out uint r0, out uint r1, out uint r2, out uint r3);
            int k = table.Sample(CounterRng.UniformDoubleFromWords(r0, r1), CounterRng.NormalDoubleFromWords(r2, r3));
            Assert.InRange(k, 0, n);
            sum += k;
            sumSq += (double)k * k;
        }

        double mean = sum / Samples;
        double variance = (sumSq / Samples) - (mean * mean);
        double expectedMean = n * p;
        double expectedVariance = n * p * (1 - p);

        // The normal approximation adds the rounding variance 1/12 (documented).
        double bias = expectedKind == BinomialKind.Normal ? 1.0 / 12.0 : 0.0;

        double meanTolerance = 5 * Math.Sqrt(expectedVariance / Samples);
        double excessKurtosis = (1 - (6 * p * (1 - p))) / expectedVariance;
        double varianceTolerance = 5 * expectedVariance * Math.Sqrt((2 + excessKurtosis) / Samples);
        Assert.InRange(mean, expectedMean - meanTolerance, expectedMean + meanTolerance);
        Assert.InRange(variance, expectedVariance + bias - varianceTolerance, expectedVariance + bias + varianceTolerance);
    }

    [Fact]
    public void InversionIsTheExactInverseCdf()
    {
        // Binomial(12, 0.35): the draw for u must be the least k with CDF(k) > u.
        const int N = 12;
        const double P = 0.35;
        var cdf = new double[N + 1];
        double c = 0;
        for (int k = 0; k <= N; k++)
        {
            c += Choose(N, k) * Math.Pow(P, k) * Math.Pow(1 - P, N - k);
            cdf[k] = c;
        }

        for (int i = 0; i < 10_000; i++)
        {
            double u = (i + 0.5) / 10_000;
            int expected = Array.FindIndex(cdf, v => v > u);
            if (cdf.Any(v => Math.Abs(v - u) < 1e-12))
            {
                continue; // too close to a jump to be decided by rounding
            }

            Assert.Equal(expected, Binomial.Sample(N, P, u, 0.0));
        }
    }

    [Fact]
    public void FlippedInversionUsesTheMirroredInverseCdf()
    {
        // For p > 1/2 the draw is n - F_q^{-1}(u) with q = 1 - p.
        for (int i = 0; i < 1000; i++)
        {
            double u = (i + 0.5) / 1000;
            Assert.Equal(20 - Binomial.Sample(20, 0.25, u, 0.0), Binomial.Sample(20, 0.75, u, 0.0));
        }
    }

    [Fact]
    public void DegenerateProbabilities()
    {
        Assert.Equal(0, Binomial.Sample(100, 0.0, 0.999, 3.0));
        Assert.Equal(0, Binomial.Sample(100, -0.5, 0.5, 0.0));
        Assert.Equal(0, Binomial.Sample(100, double.NaN, 0.5, 0.0));
        Assert.Equal(100, Binomial.Sample(100, 1.0, 0.0, -3.0));
        Assert.Equal(100, Binomial.Sample(100, 1.5, 0.5, 0.0));
        Assert.Equal(0, Binomial.Sample(0, 0.5, 0.7, 1.0));
        Assert.Equal(0, Binomial.Sample(-3, 0.5, 0.7, 1.0));
        Assert.Equal(BinomialKind.AlwaysZero, new BinomialTable(10, 0.0).Kind);
        Assert.Equal(BinomialKind.AlwaysN, new BinomialTable(10, 1.0).Kind);
    }

    [Fact]
    public void ExtremeUniformsStayInRangeAndTerminate()
    {
        double largestU = 1.0 - Math.Pow(2, -53);
        int k = Binomial.Sample(1_000_000, 1e-5, largestU, 0.0);
        Assert.InRange(k, 20, 80); // P(K > 80) < 1e-30 for mean 10: the tail cut-off stops far earlier than n
        Assert.Equal(0, Binomial.Sample(1000, 1e-3, 0.0, 0.0)); // u = 0 gives the smallest value with positive mass
        Assert.InRange(Binomial.Sample(30, 0.4, largestU, 0.0), 21, 30);
        Assert.Equal(0, Binomial.Sample(10_000, 0.5, 0.5, -1e9));
        Assert.Equal(10_000, Binomial.Sample(10_000, 0.5, 0.5, 1e9));
    }

    [Fact]
    public void NormalBranchRoundsHalfUpAndClamps()
    {
        var table = new BinomialTable(100, 0.5); // mean 50, sd 5
        Assert.Equal(50, table.Sample(0.3, 0.0));
        Assert.Equal(51, table.Sample(0.3, 0.1));   // 50.5 rounds up
        Assert.Equal(50, table.Sample(0.3, 0.099)); // 50.495
        Assert.Equal(40, table.Sample(0.3, -2.0));
        Assert.Equal(0, table.Sample(0.3, -20.0));
        Assert.Equal(100, table.Sample(0.3, 20.0));
    }

    [Fact]
    public void StaticSampleEqualsTableSample()
    {
        var rng = new Random(61);
        for (int i = 0; i < 5000; i++)
        {
            int n = rng.Next(0, 5000);
            double p = rng.NextDouble();
            double u = rng.NextDouble();
            double z = (rng.NextDouble() - 0.5) * 6;
            Assert.Equal(new BinomialTable(n, p).Sample(u, z), Binomial.Sample(n, p, u, z));
        }
    }

    private static double Choose(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return r;
    }

    [Theory]
    [InlineData(1600, 8e-4)]   // inversion (Poisson input: K_ext = 1600 at 8 Hz, dt 0.1 ms)
    [InlineData(20000, 0.3)]   // normal approximation
    [InlineData(100, 0.9)]     // inversion on 1 - p
    [InlineData(0, 0.5)]       // always zero
    public void SamplingFromWordsIsSamplingFromTheirUniformAndNormal(int n, double p)
    {
        var table = new BinomialTable(n, p);
        for (uint i = 0; i < 20_000; i++)
        {
            CounterRng.Block(99, 5, i, 3, out uint r0, out uint r1, out uint r2, out uint r3);
            int expected = table.Sample(CounterRng.UniformDoubleFromWords(r0, r1), CounterRng.NormalDoubleFromWords(r2, r3));
            Assert.Equal(expected, table.SampleFromWords(r0, r1, r2, r3));
        }
    }

    [Theory]
    [InlineData(1600, 8e-4)]   // Poisson input of the microcircuit
    [InlineData(3, 0.4)]       // draws that reach n
    [InlineData(1, 0.3)]
    [InlineData(100, 0.9)]     // on 1 - p
    [InlineData(1000, 0.0299)] // mean just under the inversion threshold
    [InlineData(20000, 0.3)]   // normal approximation: passed through
    [InlineData(5, 0.0)]       // always zero
    [InlineData(5, 1.0)]       // always n
    public void ThePrecomputedCdfDrawsWhatTheLoopDraws(int n, double p)
    {
        var table = new BinomialTable(n, p);
        var cdf = new BinomialCdf(table);
        for (uint i = 0; i < 50_000; i++)
        {
            CounterRng.Block(7, 11, i, 13, out uint r0, out uint r1, out uint r2, out uint r3);
            Assert.Equal(table.SampleFromWords(r0, r1, r2, r3), cdf.SampleFromWords(r0, r1, r2, r3));
        }
        // The extreme uniforms: 0 and the largest below 1.
        Assert.Equal(table.SampleFromWords(0, 0, 0, 0), cdf.SampleFromWords(0, 0, 0, 0));
        Assert.Equal(table.SampleFromWords(uint.MaxValue, uint.MaxValue, 1, 1), cdf.SampleFromWords(uint.MaxValue, uint.MaxValue, 1, 1));
    }
}
