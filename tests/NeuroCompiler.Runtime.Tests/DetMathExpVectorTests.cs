using System.Numerics;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Runtime.Tests;

/// <summary>The vector exp gives every lane the scalar exp's bits.</summary>
public class DetMathExpVectorTests
{
    private static IEnumerable<double> Arguments()
    {
        var random = new Random(17);
        for (int i = 0; i < 200_000; i++)
        {
            yield return (random.NextDouble() - 0.5) * 2 * (i % 4 == 0 ? 720 : i % 4 == 1 ? 20 : i % 4 == 2 ? 1 : 1e-6);
        }
        foreach (double x in new[] { 0.0, -0.0, 1.0, -1.0, 699.999, -699.999, 700.0, -700.0, 709.78, -745.0, -746.0, 710.0,
                     double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, 0.5 * Math.Log(2), -0.02 })
        {
            yield return x;
        }
    }

    [Fact]
    public void EveryLaneIsTheScalarExp()
    {
        var xs = Arguments().ToArray();
        int w = Vector<double>.Count;
        for (int i = 0; i + w <= xs.Length; i += w)
        {
            var result = DetMath.Exp(new Vector<double>(xs, i));
            for (int l = 0; l < w; l++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(DetMath.Exp(xs[i + l])), BitConverter.DoubleToInt64Bits(result[l]));
            }
        }
    }

    [Fact]
    public void EveryFloatLaneIsTheScalarFloatExp()
    {
        var xs = Arguments().Select(x => (float)(x / 8)).ToArray();
        int w = Vector<float>.Count;
        for (int i = 0; i + w <= xs.Length; i += w)
        {
            var result = DetMath.Exp(new Vector<float>(xs, i));
            for (int l = 0; l < w; l++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(DetMathF.Exp(xs[i + l])), BitConverter.SingleToInt32Bits(result[l]));
            }
        }
    }

    [Fact]
    public void TheWatchedExpGivesTheSameBitsAndPassesOnArgumentsOutsideTheVectorPath()
    {
        var xs = Arguments().ToArray();
        int w = Vector<double>.Count;
        for (int i = 0; i + w <= xs.Length; i += w)
        {
            var x = new Vector<double>(xs, i);
            double sum = 3.0;
            var result = DetMath.Exp(x, ref sum);
            Assert.Equal(DetMath.Exp(x), result);
            bool inRange = Enumerable.Range(0, w).All(l => Math.Abs(xs[i + l]) < 700);
            double expected = inRange ? 3.0 : 3.0 + Vector.Sum(x);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sum));
        }
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            double seen = 0;
            DetMath.Exp(new Vector<double>(0.5).WithElement(0, bad), ref seen);
            Assert.False(double.IsFinite(seen));
        }
    }

    [Fact]
    public void TheWatchedFloatExpPassesOnNonFiniteArguments()
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var x = new Vector<float>(-0.25f).WithElement(Vector<float>.Count - 1, bad);
            float seen = 0;
            var result = DetMath.Exp(x, ref seen);
            Assert.Equal(DetMath.Exp(x), result);
            Assert.False(float.IsFinite(seen));
        }
        float fine = 0;
        DetMath.Exp(new Vector<float>(-3f), ref fine);
        Assert.Equal(0f, fine);
    }

    [Fact]
    public void NegationFlipsTheSignOfZeroAsScalarNegationDoes()
    {
        var negated = DetMath.Negate(new Vector<double>(0.0));
        Assert.True(double.IsNegative(negated[0]));
        Assert.True(float.IsNegative(DetMath.Negate(new Vector<float>(0f))[0]));
        Assert.Equal(-2.5, DetMath.Negate(new Vector<double>(2.5))[0]);
    }
}
