using System.Text;

namespace NeuroCompiler.Runtime.Tests;

public class CounterRngTests
{
    [Fact]
    public void BlockMapsSeedStreamIndexStepToKeyAndCounter()
    {
        const ulong Seed = 0x0123456789ABCDEFUL;
        const ulong Step = 0xFEDCBA9876543210UL;
        CounterRng.Block(Seed, 77u, 5u, Step, out uint r0, out uint r1, out uint r2, out uint r3);
        Philox4x32.Generate(0x89ABCDEFu, 0x01234567u, 5u, 0x76543210u, 0xFEDCBA98u, 77u, out uint e0, out uint e1, out uint e2, out uint e3);
        Assert.Equal(new[] { e0, e1, e2, e3 }, new[] { r0, r1, r2, r3 });
    }

    [Fact]
    public void UniformDoubleUsesFiftyThreeBitsOfR0AndR1()
    {
        Assert.Equal(0.0, CounterRng.UniformDoubleFromWords(0, 0));
        Assert.Equal(1.0 - Math.Pow(2, -53), CounterRng.UniformDoubleFromWords(uint.MaxValue, uint.MaxValue));
        Assert.Equal(0.5, CounterRng.UniformDoubleFromWords(0x80000000u, 0));
        Assert.Equal(Math.Pow(2, -53), CounterRng.UniformDoubleFromWords(0, 1u << 6));
        Assert.Equal(0.0, CounterRng.UniformDoubleFromWords(0x1Fu, 0x3Fu)); // discarded low bits

        CounterRng.Block(1, 2, 3, 4, out uint r0, out uint r1, out _, out _);
        Assert.Equal(CounterRng.UniformDoubleFromWords(r0, r1), CounterRng.UniformDouble(1, 2, 3, 4));
    }

    [Fact]
    public void UniformSingleUsesTwentyFourBitsOfR0()
    {
        Assert.Equal(0f, CounterRng.UniformSingleFromWord(0xFFu));
        Assert.Equal(1f - MathF.Pow(2, -24), CounterRng.UniformSingleFromWord(uint.MaxValue));
        Assert.Equal(0.5f, CounterRng.UniformSingleFromWord(0x80000000u));

        CounterRng.Block(1, 2, 3, 4, out uint r0, out _, out _, out _);
        Assert.Equal(CounterRng.UniformSingleFromWord(r0), CounterRng.UniformSingle(1, 2, 3, 4));
    }

    [Fact]
    public void OpenUniformNeverReachesZeroOrOne()
    {
        Assert.Equal(Math.Pow(2, -53), CounterRng.OpenUniformFromWords(0, 0));
        Assert.Equal(1.0 - Math.Pow(2, -53), CounterRng.OpenUniformFromWords(uint.MaxValue, uint.MaxValue));
        Assert.Equal(0.5 + Math.Pow(2, -53), CounterRng.OpenUniformFromWords(0x80000000u, 0));

        double lo = CounterRng.NormalDoubleFromWords(0, 0);
        double hi = CounterRng.NormalDoubleFromWords(uint.MaxValue, uint.MaxValue);
        Assert.InRange(lo, -8.3, -8.2);
        Assert.Equal(-lo, hi, 1e-9);
    }

    [Fact]
    public void NormalUsesR2AndR3AndSingleIsRoundedDouble()
    {
        CounterRng.Block(9, 8, 7, 6, out _, out _, out uint r2, out uint r3);
        double z = CounterRng.NormalDouble(9, 8, 7, 6);
        Assert.Equal(NormalQuantile.Ppnd16(CounterRng.OpenUniformFromWords(r2, r3)), z);
        Assert.Equal((float)z, CounterRng.NormalSingle(9, 8, 7, 6));
    }

    [Fact]
    public void GoldenDrawsAreStable()
    {
        // Regression: the language's random numbers must never change silently.
        Assert.Equal(GoldenUniform, BitConverter.DoubleToInt64Bits(CounterRng.UniformDouble(42, 1, 2, 3)));
        Assert.Equal(GoldenNormal, BitConverter.DoubleToInt64Bits(CounterRng.NormalDouble(42, 1, 2, 3)));
        Assert.Equal(GoldenSingle, BitConverter.SingleToInt32Bits(CounterRng.UniformSingle(42, 1, 2, 3)));
    }

    private const long GoldenUniform = 0x3FEB303A68A047FD; // 0.8496372264364705
    private const long GoldenNormal = unchecked((long)0xBFFFBF5B20F29656); // -1.9842177664771916
    private const int GoldenSingle = 0x3F5981D3;

    [Fact]
    public void UniformDoubleHasCorrectMomentsAndIsIndependentAcrossSteps()
    {
        const int N = 200_000;
        double sum = 0, sumSq = 0, lagProduct = 0, previous = 0;
        var bins = new int[10];
        for (int i = 0; i < N; i++)
        {
            double u = CounterRng.UniformDouble(2024, 3, 11, (ulong)i);
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
            sumSq += u * u;
            lagProduct += (u - 0.5) * (previous - 0.5);
            previous = u;
            bins[(int)(u * 10)]++;
        }

        double mean = sum / N;
        double variance = (sumSq / N) - (mean * mean);
        Assert.InRange(mean, 0.5 - (5 * 0.2887 / Math.Sqrt(N)), 0.5 + (5 * 0.2887 / Math.Sqrt(N)));
        Assert.InRange(variance, (1.0 / 12) * 0.99, (1.0 / 12) * 1.01);
        Assert.InRange(lagProduct / N, -5 * (1.0 / 12) / Math.Sqrt(N), 5 * (1.0 / 12) / Math.Sqrt(N));

        double chi2 = 0;
        foreach (int count in bins)
        {
            double expected = N / 10.0;
            chi2 += (count - expected) * (count - expected) / expected;
        }

        Assert.True(chi2 < 27.9, $"chi-square {chi2} with 9 degrees of freedom (p < 0.001)");
    }

    [Fact]
    public void NormalHasCorrectMomentsAndIsUncorrelatedWithUniformOfSameBlock()
    {
        const int N = 200_000;
        double sum = 0, sumSq = 0, sumCube = 0, sumFourth = 0, cross = 0;
        int beyondTwoSigma = 0;
        for (int i = 0; i < N; i++)
        {
            double z = CounterRng.NormalDouble(7, 100, (uint)i, 12);
            double u = CounterRng.UniformDouble(7, 100, (uint)i, 12);
            sum += z;
            sumSq += z * z;
            sumCube += z * z * z;
            sumFourth += z * z * z * z;
            cross += z * (u - 0.5);
            if (Math.Abs(z) > 2)
            {
                beyondTwoSigma++;
            }
        }

        Assert.InRange(sum / N, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
        Assert.InRange(sumSq / N, 1 - (5 * Math.Sqrt(2.0 / N)), 1 + (5 * Math.Sqrt(2.0 / N)));
        Assert.InRange(sumCube / N, -5 * Math.Sqrt(15.0 / N), 5 * Math.Sqrt(15.0 / N));
        Assert.InRange(sumFourth / N, 3 - (5 * Math.Sqrt(96.0 / N)), 3 + (5 * Math.Sqrt(96.0 / N)));
        Assert.InRange(cross / N, -5 * 0.2887 / Math.Sqrt(N), 5 * 0.2887 / Math.Sqrt(N));
        double pTail = 0.04550026389635842;
        Assert.InRange((double)beyondTwoSigma / N, pTail - (5 * Math.Sqrt(pTail / N)), pTail + (5 * Math.Sqrt(pTail / N)));
    }

    [Fact]
    public void EveryKeyComponentChangesTheDraw()
    {
        double baseline = CounterRng.UniformDouble(1, 1, 1, 1);
        Assert.NotEqual(baseline, CounterRng.UniformDouble(2, 1, 1, 1));
        Assert.NotEqual(baseline, CounterRng.UniformDouble(1UL | (1UL << 32), 1, 1, 1));
        Assert.NotEqual(baseline, CounterRng.UniformDouble(1, 2, 1, 1));
        Assert.NotEqual(baseline, CounterRng.UniformDouble(1, 1, 2, 1));
        Assert.NotEqual(baseline, CounterRng.UniformDouble(1, 1, 1, 2));
        Assert.NotEqual(baseline, CounterRng.UniformDouble(1, 1, 1, 1UL | (1UL << 32)));
        Assert.Equal(baseline, CounterRng.UniformDouble(1, 1, 1, 1));
    }

    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void StreamIdIsFnv1a32(string name, uint expected)
    {
        Assert.Equal(expected, CounterRng.StreamId(name));
    }

    [Theory]
    [InlineData("neuron.noise")]
    [InlineData("Ünïcödé ß")]
    [InlineData("日本語のストリーム")]
    [InlineData("emoji 🧠 spikes")]
    [InlineData("lone \ud800 high")]
    [InlineData("lone \udc00 low")]
    [InlineData("trailing \ud83e")]
    public void StreamIdHashesTheUtf8Bytes(string name)
    {
        uint hash = 2166136261u;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619u;
        }

        Assert.Equal(hash, CounterRng.StreamId(name));
    }

    [Fact]
    public void StreamIdsOfDifferentNamesDiffer()
    {
        Assert.NotEqual(CounterRng.StreamId("pop.noise"), CounterRng.StreamId("pop.noize"));
    }
}
