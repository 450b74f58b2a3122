namespace NeuroCompiler.Runtime.Tests;

/// <summary>
/// Pow against System.Math.Pow (glibc, correctly rounded in practice). Measured with 1e6
/// arguments per range: max 1 ulp difference; ≤ 0.53 ulp from the exact value (mpmath).
/// </summary>
public class DetMathPowTests
{
    [Fact]
    public void WithinOneUlpOverTheWholeRange()
    {
        // x with random bits, y chosen so that y ln x covers [-745, 709]: every result magnitude, subnormals included.
        var rng = new Random(21);
        var cases = new List<(double X, double Y)>();
        foreach (double x in Args.AllPositive(22))
        {
            double l = Math.Log(x);
            double y = l == 0.0 ? 3.0 : (-745.0 + (1454.0 * rng.NextDouble())) / l;
            cases.Add((x, y));
        }

        AssertPairsWithin(1, cases);
    }

    [Fact]
    public void WithinOneUlpForModerateArguments()
    {
        var rng = new Random(23);
        var cases = Enumerable.Range(0, Args.Count).Select(_ => (10.0 * rng.NextDouble(), -50.0 + (100.0 * rng.NextDouble()))).ToList();
        AssertPairsWithin(1, cases);
    }

    [Fact]
    public void WithinOneUlpForBasesNearOneWithLargeExponents()
    {
        // The hardest case for pow: ln x is tiny, so y must be huge and ln x must be extra-precise.
        var rng = new Random(24);
        var cases = new List<(double X, double Y)>();
        for (int i = 0; i < 50_000; i++)
        {
            double x = 1.0 + ((rng.NextDouble() - 0.5) * Math.Pow(10, -rng.Next(3, 15)));
            double y = (-700.0 + (1400.0 * rng.NextDouble())) / Math.Log(x);
            cases.Add((x, y));
        }

        AssertPairsWithin(1, cases);
    }

    [Fact]
    public void NegativeBasesWithIntegerExponents()
    {
        var rng = new Random(25);
        var cases = Enumerable.Range(0, 50_000).Select(_ => (-20.0 * rng.NextDouble(), (double)rng.Next(-200, 201))).ToList();
        AssertPairsWithin(1, cases);

        Assert.Equal(-8.0, DetMath.Pow(-2.0, 3.0));
        Assert.Equal(16.0, DetMath.Pow(-2.0, 4.0));
        Assert.Equal(-0.125, DetMath.Pow(-2.0, -3.0));
        Assert.Equal(1.0, DetMath.Pow(-1.0, 1e300)); // huge exponents are even integers
        Assert.True(double.IsNaN(DetMath.Pow(-2.0, 0.5)));
        Assert.True(double.IsNaN(DetMath.Pow(-8.0, 1.0 / 3.0)));
    }

    [Fact]
    public void ExactlyRepresentableResultsAreExact()
    {
        for (int b = 2; b <= 30; b++)
        {
            double power = 1.0;
            for (int e = 1; e < 80; e++)
            {
                power *= b;
                if (power >= 9007199254740992.0)
                {
                    break;
                }

                Assert.Equal(power, DetMath.Pow(b, e));
                Assert.Equal(-power * ((e & 1) == 1 ? 1 : -1), DetMath.Pow(-b, e));
                if (b is 2 or 4 or 8 or 16)
                {
                    Assert.Equal(1.0 / power, DetMath.Pow(b, -e));
                }
            }
        }

        Assert.Equal(1e22, DetMath.Pow(10.0, 22.0));
        Assert.Equal(3.0, DetMath.Pow(9.0, 0.5));
        Assert.Equal(0.5, DetMath.Pow(4.0, -0.5));
        Assert.Equal(double.Epsilon, DetMath.Pow(2.0, -1074.0));
        Assert.Equal(Math.ScaleB(1.0, 1023), DetMath.Pow(2.0, 1023.0));
        Assert.Equal(double.PositiveInfinity, DetMath.Pow(2.0, 1024.0));
        Assert.Equal(0.0, DetMath.Pow(2.0, -1076.0));
    }

    [Fact]
    public void SpecialValuesMatchSystemMathExactly()
    {
        double[] values =
        [
            0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, -1.5, 0.25, 1e-300, -1e-300,
            double.Epsilon, -double.Epsilon, 1e300, -1e300, double.MaxValue, -double.MaxValue,
            9007199254740993.0, -9007199254740993.0, 9007199254740991.0, -9007199254740991.0,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        ];
        foreach (double x in values)
        {
            foreach (double y in values)
            {
                double expected = Math.Pow(x, y);
                double actual = DetMath.Pow(x, y);
                Assert.True(
                    Ulp.Distance(expected, actual) <= (double.IsFinite(expected) && expected != 0.0 ? 1 : 0),
                    $"Pow({x:R}, {y:R}) = {actual:R}, System.Math gives {expected:R}");
                if (expected == 0.0 || double.IsInfinity(expected))
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual)); // sign of zero/infinity
                }
            }
        }
    }

    [Fact]
    public void PowOfOneHalfIsSqrt()
    {
        foreach (double x in Args.AllPositive(26, 20_000))
        {
            Assert.True(Ulp.Distance(Math.Sqrt(x), DetMath.Pow(x, 0.5)) <= 1, $"x = {x:R}");
        }
    }

    private static void AssertPairsWithin(long maxUlps, List<(double X, double Y)> cases)
    {
        long max = 0;
        (double X, double Y) worst = default;
        foreach ((double x, double y) in cases)
        {
            long d = Ulp.Distance(DetMath.Pow(x, y), Math.Pow(x, y));
            if (d > max)
            {
                max = d;
                worst = (x, y);
            }
        }

        Assert.True(max <= maxUlps, $"max error {max} ulp at Pow({worst.X:R}, {worst.Y:R}) = {DetMath.Pow(worst.X, worst.Y):R}, expected {Math.Pow(worst.X, worst.Y):R}");
    }
}
