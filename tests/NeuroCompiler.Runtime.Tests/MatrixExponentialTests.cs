namespace NeuroCompiler.Runtime.Tests;

public class MatrixExponentialTests
{
    [Theory]
    [InlineData(-0.1, 1e-15)]
    [InlineData(-1.0, 1e-15)]
    [InlineData(2.5, 1e-15)]
    [InlineData(-50.0, 1e-14)]
    [InlineData(1e-12, 1e-15)]
    [InlineData(300.0, 3e-14)] // s = 6 squarings amplify the Padé rounding error by ~2^6 (measured 1.3e-14)
    public void ScalarMatchesExp(double a, double tolerance)
    {
        double[,] e = MatrixExponential.Expm(new[,] { { a } });
        Assert.True(RelativeError(Math.Exp(a), e[0, 0]) <= tolerance, $"e^{a} = {e[0, 0]:R}, expected {Math.Exp(a):R}");
    }

    [Fact]
    public void DiagonalMatrix()
    {
        double[,] e = MatrixExponential.Expm(new[,] { { -3.0, 0.0, 0.0 }, { 0.0, 0.5, 0.0 }, { 0.0, 0.0, -20.0 } });
        AssertClose(new[,] { { Math.Exp(-3.0), 0.0, 0.0 }, { 0.0, Math.Exp(0.5), 0.0 }, { 0.0, 0.0, Math.Exp(-20.0) } }, e, 1e-14);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(10.0)]
    [InlineData(100.0)]
    public void RotationGenerator(double theta)
    {
        // exp([[0, -θ], [θ, 0]]) is the rotation by θ; large θ exercises scaling and squaring.
        double[,] e = MatrixExponential.Expm(new[,] { { 0.0, -theta }, { theta, 0.0 } });
        double c = Math.Cos(theta);
        double s = Math.Sin(theta);
        AssertClose(new[,] { { c, -s }, { s, c } }, e, theta > 50 ? 1e-13 : 1e-14);
    }

    [Fact]
    public void NilpotentMatrixGivesFiniteTaylorSeries()
    {
        // N^3 = 0, so e^N = I + N + N^2/2 exactly.
        var n = new[,] { { 0.0, 2.0, -1.0 }, { 0.0, 0.0, 3.0 }, { 0.0, 0.0, 0.0 } };
        double[,] e = MatrixExponential.Expm(n);
        AssertClose(new[,] { { 1.0, 2.0, 2.0 }, { 0.0, 1.0, 3.0 }, { 0.0, 0.0, 1.0 } }, e, 1e-15);
    }

    [Fact]
    public void UpperTriangularTwoByTwoClosedForm()
    {
        // exp([[a, b], [0, c]]) = [[e^a, b (e^a - e^c)/(a - c)], [0, e^c]].
        const double A = -0.7, B = 3.0, C = -4.0;
        double[,] e = MatrixExponential.Expm(new[,] { { A, B }, { 0.0, C } });
        AssertClose(new[,] { { Math.Exp(A), B * (Math.Exp(A) - Math.Exp(C)) / (A - C) }, { 0.0, Math.Exp(C) } }, e, 1e-14);
    }

    [Fact]
    public void ExpOfMinusAIsTheInverse()
    {
        var rng = new Random(71);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = rng.Next(2, 7);
            var a = new double[n, n];
            var minusA = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = (rng.NextDouble() - 0.5) * 2.0;
                    minusA[i, j] = -a[i, j];
                }
            }

            double[,] product = Multiply(MatrixExponential.Expm(a), MatrixExponential.Expm(minusA));
            var identity = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                identity[i, i] = 1.0;
            }

            AssertClose(identity, product, 1e-13);
        }
    }

    [Fact]
    public void CommutingSumProperty()
    {
        // A and 2A commute: e^(3A) = e^A e^(2A); non-normal A with a large norm (scaling and squaring path).
        var a = new[,] { { -1.0, 4.0, 0.5 }, { 0.0, -2.0, 7.0 }, { 0.3, 0.0, -6.0 } };
        var twoA = new double[3, 3];
        var threeA = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                twoA[i, j] = 2 * a[i, j];
                threeA[i, j] = 3 * a[i, j];
            }
        }

        AssertClose(MatrixExponential.Expm(threeA), Multiply(MatrixExponential.Expm(a), MatrixExponential.Expm(twoA)), 1e-13);
    }

    [Fact]
    public void ZeroAndEmptyMatrices()
    {
        double[,] e = MatrixExponential.Expm(new double[3, 3]);
        AssertClose(new[,] { { 1.0, 0.0, 0.0 }, { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 } }, e, 0.0);
        Assert.Empty(MatrixExponential.Expm(new double[0, 0]));
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => MatrixExponential.Expm(new double[2, 3]));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Expm(new[,] { { double.NaN } }));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Expm(new[,] { { double.PositiveInfinity } }));
        Assert.Throws<ArgumentNullException>(() => MatrixExponential.Expm(null!));
    }

    [Fact]
    public void IsDeterministic()
    {
        var a = new[,] { { -1.3, 0.2 }, { 0.7, -0.4 } };
        double[,] x = MatrixExponential.Expm(a);
        double[,] y = MatrixExponential.Expm(a);
        Assert.Equal(BitConverter.DoubleToInt64Bits(x[0, 1]), BitConverter.DoubleToInt64Bits(y[0, 1]));
        Assert.Equal(x, y);
    }

    internal static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, b.GetLength(1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < b.GetLength(1); j++)
            {
                for (int k = 0; k < a.GetLength(1); k++)
                {
                    c[i, j] += a[i, k] * b[k, j];
                }
            }
        }

        return c;
    }

    internal static double RelativeError(double expected, double actual) =>
        expected == actual ? 0.0 : Math.Abs(actual - expected) / Math.Abs(expected);

    /// <summary>Normwise check: max |expected - actual| ≤ tolerance · max |expected|.</summary>
    internal static void AssertClose(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double scale = 0, error = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                scale = Math.Max(scale, Math.Abs(expected[i, j]));
                error = Math.Max(error, Math.Abs(expected[i, j] - actual[i, j]));
            }
        }

        Assert.True(error <= tolerance * scale, $"normwise relative error {error / scale:E3} > {tolerance:E1}");
    }
}
