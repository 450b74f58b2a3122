namespace NeuroCompiler.Runtime.Tests;

/// <summary>
/// Sin and Cos against System.Math (glibc, correctly rounded in practice). Measured with 1e6
/// arguments per range up to 2^20·π/2: max 1 ulp difference; ≤ 0.73 ulp from the exact value
/// (mpmath). The brief's bound is 2 ulp; 1 ulp is asserted.
/// </summary>
public class DetMathTrigTests
{
    [Theory]
    [InlineData(0.7853981633974483)]
    [InlineData(10.0)]
    [InlineData(1e5)]
    [InlineData(DetMath.TrigAccurateRange)]
    public void SinWithinOneUlp(double range) =>
        Ulp.AssertWithin(1, DetMath.Sin, Math.Sin, Args.Uniform((int)Math.Log2(range) + 30, -range, range));

    [Theory]
    [InlineData(0.7853981633974483)]
    [InlineData(10.0)]
    [InlineData(1e5)]
    [InlineData(DetMath.TrigAccurateRange)]
    public void CosWithinOneUlp(double range) =>
        Ulp.AssertWithin(1, DetMath.Cos, Math.Cos, Args.Uniform((int)Math.Log2(range) + 40, -range, range));

    [Fact]
    public void AccurateNearMultiplesOfHalfPi()
    {
        // x = k·fl(π/2): the reduced argument suffers massive cancellation; exercises all three reduction rounds.
        var rng = new Random(31);
        var args = Enumerable.Range(0, 50_000).Select(_ => rng.Next(1, 1 << 20) * (Math.PI / 2)).ToList();
        args.AddRange(Enumerable.Range(1, 2000).Select(k => k * Math.PI));
        args.AddRange(Enumerable.Range(1, 2000).Select(k => Math.BitIncrement(k * (Math.PI / 2))));
        Ulp.AssertWithin(1, DetMath.Sin, Math.Sin, args);
        Ulp.AssertWithin(1, DetMath.Cos, Math.Cos, args);
        Ulp.AssertWithin(1, DetMath.Sin, Math.Sin, args.Select(x => -x));
    }

    [Fact]
    public void TinyArguments()
    {
        Ulp.AssertWithin(1, DetMath.Sin, Math.Sin, Args.Tiny(32, 300, 20_000));
        Ulp.AssertWithin(1, DetMath.Cos, Math.Cos, Args.Tiny(33, 300, 20_000));
        Assert.Equal(double.Epsilon, DetMath.Sin(double.Epsilon));
        Assert.Equal(1.0, DetMath.Cos(double.Epsilon));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(DetMath.Sin(0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(DetMath.Sin(-0.0)));
        Assert.Equal(1.0, DetMath.Cos(0.0));
        Assert.Equal(1.0, DetMath.Cos(-0.0));
        foreach (double x in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.True(double.IsNaN(DetMath.Sin(x)));
            Assert.True(double.IsNaN(DetMath.Cos(x)));
        }
    }

    [Fact]
    public void OddEvenSymmetryAndPythagoras()
    {
        foreach (double x in Args.Uniform(34, -1e4, 1e4, 20_000))
        {
            Assert.Equal(-DetMath.Sin(x), DetMath.Sin(-x));
            Assert.Equal(DetMath.Cos(x), DetMath.Cos(-x));
            double s = DetMath.Sin(x);
            double c = DetMath.Cos(x);
            Assert.True(Math.Abs((s * s) + (c * c) - 1.0) < 4e-16, $"x = {x:R}");
        }
    }

    [Fact]
    public void BeyondTheAccurateRangeResultsAreBoundedAndDeterministic()
    {
        foreach (double x in new[] { 2e6, 1e9, 1e15, 1e22, 1e300, double.MaxValue, -double.MaxValue })
        {
            double s = DetMath.Sin(x);
            double c = DetMath.Cos(x);
            Assert.InRange(s, -1.0, 1.0);
            Assert.InRange(c, -1.0, 1.0);
            Assert.Equal(s, DetMath.Sin(x));
        }

        // Beyond the range Sin(x) = sign(x) Sin(|x| mod fl(2π)), so the error grows like |x|·4e-17.
        foreach (double x in Args.Uniform(35, 2e6, 1e9, 10_000))
        {
            Assert.True(Math.Abs(DetMath.Sin(x) - Math.Sin(x)) <= (x * 5e-17) + 1e-16, $"x = {x:R}");
            Assert.True(Math.Abs(DetMath.Cos(-x) - Math.Cos(x)) <= (x * 5e-17) + 1e-16, $"x = {x:R}");
            Assert.Equal(-DetMath.Sin(x), DetMath.Sin(-x));
        }

        Assert.Equal(DetMath.Sin(1.0), DetMath.Sin(1.0 + (6.283185307179586 * 1048576.0))); // exact multiple of fl(2π)
    }
}
