namespace NeuroCompiler.Runtime.Tests;

/// <summary>
/// Expm1 and Log1p against correctly rounded references (System.Math has neither): measured max
/// error 0.51 ulp, so the results equal the correctly rounded value or are 1 ulp away.
/// </summary>
public class DetMathExpm1Log1pTests
{
    [Fact]
    public void Expm1WithinOneUlpOfCorrectlyRoundedReference()
    {
        int exact = 0;
        foreach ((ulong xb, ulong yb) in ReferenceData.Expm1)
        {
            double x = BitConverter.Int64BitsToDouble((long)xb);
            double expected = BitConverter.Int64BitsToDouble((long)yb);
            long d = Ulp.Distance(DetMath.Expm1(x), expected);
            Assert.True(d <= 1, $"Expm1({x:R}) = {DetMath.Expm1(x):R}, expected {expected:R}");
            exact += d == 0 ? 1 : 0;
        }

        Assert.True(exact >= ReferenceData.Expm1.Length * 95 / 100, $"only {exact} of {ReferenceData.Expm1.Length} correctly rounded");
    }

    [Fact]
    public void Log1pWithinOneUlpOfCorrectlyRoundedReference()
    {
        int exact = 0;
        foreach ((ulong xb, ulong yb) in ReferenceData.Log1p)
        {
            double x = BitConverter.Int64BitsToDouble((long)xb);
            double expected = BitConverter.Int64BitsToDouble((long)yb);
            long d = Ulp.Distance(DetMath.Log1p(x), expected);
            Assert.True(d <= 1, $"Log1p({x:R}) = {DetMath.Log1p(x):R}, expected {expected:R}");
            exact += d == 0 ? 1 : 0;
        }

        Assert.True(exact >= ReferenceData.Log1p.Length * 95 / 100, $"only {exact} of {ReferenceData.Log1p.Length} correctly rounded");
    }

    [Fact]
    public void Expm1AgreesWithExpWhereSubtractionIsHarmless()
    {
        // For x >= 2, e^x - 1 computed from a correctly rounded e^x is within 1 ulp.
        Ulp.AssertWithin(1, DetMath.Expm1, x => Math.Exp(x) - 1.0, Args.Uniform(11, 2.0, 709.0, 50_000));
        // For x <= -2, the same holds for e^x - 1 in [-1, -0.86].
        Ulp.AssertWithin(1, DetMath.Expm1, x => Math.Exp(x) - 1.0, Args.Uniform(12, -40.0, -2.0, 50_000));
    }

    [Fact]
    public void Expm1IsAccurateForTinyArguments()
    {
        // e^x - 1 = x + x^2 (1/2 + x (1/6 + x/24)) + O(x^5): exact to 2^-66 relative when |x| < 1e-5.
        foreach (double x in Args.Tiny(13, 300, 50_000).Where(v => Math.Abs(v) < 1e-5))
        {
            double expected = x + (x * x * (0.5 + (x * ((1.0 / 6.0) + (x / 24.0)))));
            Assert.True(Ulp.Distance(DetMath.Expm1(x), expected) <= 1, $"x = {x:R}");
        }
    }

    [Fact]
    public void Log1pAgreesWithLogWhereAdditionIsExact()
    {
        // For x >= 1 with 1 + x exact (x a multiple of 2^-52 below 2^52), ln(1 + x) = Math.Log(1 + x).
        var rng = new Random(14);
        var args = Enumerable.Range(0, 50_000).Select(_ => Math.Floor(rng.NextDouble() * Math.Pow(2, rng.Next(1, 52))) + 1.0);
        Ulp.AssertWithin(1, DetMath.Log1p, x => Math.Log(1.0 + x), args);
    }

    [Fact]
    public void Log1pIsAccurateForTinyArguments()
    {
        // ln(1 + x) = x - x^2 (1/2 - x (1/3 - x/4)) + O(x^5).
        foreach (double x in Args.Tiny(15, 300, 50_000).Where(v => Math.Abs(v) < 1e-5))
        {
            double expected = x - (x * x * (0.5 - (x * ((1.0 / 3.0) - (x / 4.0)))));
            Assert.True(Ulp.Distance(DetMath.Log1p(x), expected) <= 1, $"x = {x:R}");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(DetMath.Expm1(0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(DetMath.Expm1(-0.0)));
        Assert.Equal(-1.0, DetMath.Expm1(double.NegativeInfinity));
        Assert.Equal(-1.0, DetMath.Expm1(-50.0));
        Assert.Equal(double.PositiveInfinity, DetMath.Expm1(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, DetMath.Expm1(710.0));
        Assert.Equal(double.Epsilon, DetMath.Expm1(double.Epsilon));
        Assert.True(double.IsNaN(DetMath.Expm1(double.NaN)));

        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(DetMath.Log1p(0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(DetMath.Log1p(-0.0)));
        Assert.Equal(double.NegativeInfinity, DetMath.Log1p(-1.0));
        Assert.True(double.IsNaN(DetMath.Log1p(-1.5)));
        Assert.True(double.IsNaN(DetMath.Log1p(double.NegativeInfinity)));
        Assert.True(double.IsNaN(DetMath.Log1p(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DetMath.Log1p(double.PositiveInfinity));
        Assert.True(Ulp.Distance(Math.Log(double.MaxValue), DetMath.Log1p(double.MaxValue)) <= 1);
        Assert.Equal(-double.Epsilon, DetMath.Log1p(-double.Epsilon));
    }
}
