namespace NeuroCompiler.Runtime.Tests;

/// <summary>
/// Exp and Log against System.Math (glibc on Linux, itself within ~0.5 ulp). Measured with 1e6
/// arguments per range: max 1 ulp difference, i.e. ≤ 0.53 ulp from the exact value (mpmath).
/// </summary>
public class DetMathExpLogTests
{
    [Fact]
    public void ExpWithinOneUlpOverTheWholeRange() =>
        Ulp.AssertWithin(1, DetMath.Exp, Math.Exp, Args.Uniform(1, -745.2, 709.8));

    [Fact]
    public void ExpWithinOneUlpNearZero() =>
        Ulp.AssertWithin(1, DetMath.Exp, Math.Exp, Args.Uniform(2, -1.0, 1.0));

    [Fact]
    public void ExpWithinOneUlpForTinyArguments() =>
        Ulp.AssertWithin(1, DetMath.Exp, Math.Exp, Args.Tiny(3, 300, 20_000));

    [Fact]
    public void ExpWithinOneUlpForSubnormalResults() =>
        Ulp.AssertWithin(1, DetMath.Exp, Math.Exp, Args.Uniform(4, -745.2, -708.3, 50_000));

    [Fact]
    public void ExpNearOverflowThreshold()
    {
        const double Threshold = 709.782712893384; // largest x with finite e^x
        Assert.True(double.IsFinite(DetMath.Exp(Threshold)));
        Assert.Equal(Math.Exp(Threshold), DetMath.Exp(Threshold));
        Assert.Equal(double.PositiveInfinity, DetMath.Exp(Math.BitIncrement(Threshold)));
        Ulp.AssertWithin(1, DetMath.Exp, Math.Exp, Args.Uniform(5, 709.0, 709.79, 20_000));
    }

    [Fact]
    public void ExpNearUnderflowThreshold()
    {
        Assert.Equal(double.Epsilon, DetMath.Exp(-745.13));
        Assert.Equal(0.0, DetMath.Exp(-745.14));
        Assert.Equal(Math.Exp(-744.44), DetMath.Exp(-744.44));
    }

    [Fact]
    public void ExpSpecialValues()
    {
        Assert.Equal(1.0, DetMath.Exp(0.0));
        Assert.Equal(1.0, DetMath.Exp(-0.0));
        Assert.Equal(double.PositiveInfinity, DetMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, DetMath.Exp(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, DetMath.Exp(1000.0));
        Assert.Equal(0.0, DetMath.Exp(-1000.0));
        Assert.True(double.IsNaN(DetMath.Exp(double.NaN)));
        Assert.Equal(1.0, DetMath.Exp(double.Epsilon));
        Assert.Equal(Math.BitDecrement(1.0), DetMath.Exp(-1e-16));
    }

    [Fact]
    public void ExpAndLogAreMonotoneOnRunsOfAdjacentDoubles()
    {
        var rng = new Random(16);
        for (int run = 0; run < 200; run++)
        {
            double x = -745.0 + (1454.0 * rng.NextDouble());
            double y = BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x7FEFFFFFFFFFFFFFL - 1000));
            double previousExp = DetMath.Exp(x);
            double previousLog = DetMath.Log(y);
            for (int i = 0; i < 500; i++)
            {
                x = Math.BitIncrement(x);
                y = Math.BitIncrement(y);
                double e = DetMath.Exp(x);
                double l = DetMath.Log(y);
                Assert.True(e >= previousExp, $"Exp not monotone at {x:R}");
                Assert.True(l >= previousLog, $"Log not monotone at {y:R}");
                previousExp = e;
                previousLog = l;
            }
        }
    }

    [Fact]
    public void LogWithinOneUlpOverAllPositiveDoubles() =>
        Ulp.AssertWithin(1, DetMath.Log, Math.Log, Args.AllPositive(6));

    [Fact]
    public void LogWithinOneUlpAroundOne() =>
        Ulp.AssertWithin(1, DetMath.Log, Math.Log, Args.Uniform(7, 0.5, 2.0));

    [Fact]
    public void LogWithinOneUlpVeryCloseToOne()
    {
        Ulp.AssertWithin(1, DetMath.Log, Math.Log, Args.Uniform(8, 1.0 - 1e-6, 1.0 + 1e-6, 20_000));
        Assert.Equal(Math.Log(Math.BitIncrement(1.0)), DetMath.Log(Math.BitIncrement(1.0)));
        Assert.Equal(Math.Log(Math.BitDecrement(1.0)), DetMath.Log(Math.BitDecrement(1.0)));
    }

    [Fact]
    public void LogWithinOneUlpOnSubnormals()
    {
        var rng = new Random(9);
        var args = Enumerable.Range(0, 20_000).Select(_ => BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000L)));
        Ulp.AssertWithin(1, DetMath.Log, Math.Log, args);
    }

    [Fact]
    public void LogOfPowersOfTwo()
    {
        for (int k = -1074; k <= 1023; k++)
        {
            double x = Math.ScaleB(1.0, k);
            Assert.True(Ulp.Distance(Math.Log(x), DetMath.Log(x)) <= 1, $"2^{k}");
        }

        Assert.Equal(0.0, DetMath.Log(1.0));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(DetMath.Log(1.0))); // +0, not -0
    }

    [Fact]
    public void LogSpecialValues()
    {
        Assert.Equal(double.NegativeInfinity, DetMath.Log(0.0));
        Assert.Equal(double.NegativeInfinity, DetMath.Log(-0.0));
        Assert.True(double.IsNaN(DetMath.Log(-1.0)));
        Assert.True(double.IsNaN(DetMath.Log(-double.Epsilon)));
        Assert.True(double.IsNaN(DetMath.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(DetMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DetMath.Log(double.PositiveInfinity));
        Assert.Equal(Math.Log(double.MaxValue), DetMath.Log(double.MaxValue));
        Assert.Equal(Math.Log(double.Epsilon), DetMath.Log(double.Epsilon));
    }

    [Fact]
    public void ExpAndLogAreNearInverses()
    {
        foreach (double x in Args.Uniform(10, -700, 700, 10_000))
        {
            Assert.True(Math.Abs(DetMath.Log(DetMath.Exp(x)) - x) <= 2e-16 * Math.Max(1.0, Math.Abs(x)) * 2, $"x = {x:R}");
        }
    }
}
