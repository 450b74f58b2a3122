namespace NeuroCompiler.Runtime.Tests;

public class NormalQuantileTests
{
    /// <summary>Φ⁻¹(p) computed with mpmath at 300-bit precision (root of log Φ(x) = log p, Φ via erfc), rounded to double.</summary>
    [Theory]
    [InlineData(1e-300, -37.0470962993612)]
    [InlineData(1e-100, -21.273453560965326)]
    [InlineData(1e-20, -9.262340089798407)]
    [InlineData(1.1102230246251565e-16, -8.209536151601387)]
    [InlineData(1e-10, -6.361340902404057)]
    [InlineData(1e-05, -4.264890793922825)]
    [InlineData(0.001, -3.0902323061678136)]
    [InlineData(0.02425, -1.972961051311885)]
    [InlineData(0.075, -1.439531470938456)]
    [InlineData(0.3, -0.5244005127080408)]
    [InlineData(0.6, 0.2533471031357997)]
    [InlineData(0.924, 1.4325027208258119)]
    [InlineData(0.975, 1.9599639845400538)]
    public void MatchesHighPrecisionQuantile(double p, double expected)
    {
        double actual = NormalQuantile.Ppnd16(p);
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"Ppnd16({p:R}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void IsOddAboutOneHalfAndMonotone()
    {
        Assert.Equal(0.0, NormalQuantile.Ppnd16(0.5));
        double previous = double.NegativeInfinity;
        for (int i = 1; i < 20_000; i++)
        {
            double p = i / 20_000.0;
            double x = NormalQuantile.Ppnd16(p);
            Assert.True(x > previous, $"not increasing at p = {p}");
            previous = x;
            if (p >= 0.5)
            {
                Assert.Equal(-NormalQuantile.Ppnd16(1.0 - p), x);
            }
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(double.NegativeInfinity, NormalQuantile.Ppnd16(0.0));
        Assert.Equal(double.NegativeInfinity, NormalQuantile.Ppnd16(-1.0));
        Assert.Equal(double.PositiveInfinity, NormalQuantile.Ppnd16(1.0));
        Assert.True(double.IsNaN(NormalQuantile.Ppnd16(double.NaN)));
    }
}
