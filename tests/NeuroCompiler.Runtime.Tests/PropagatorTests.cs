namespace NeuroCompiler.Runtime.Tests;

public class PropagatorTests
{
    [Theory]
    [InlineData(10.0, 0.1)]
    [InlineData(20.0, 1.0)]
    [InlineData(5.0, 100.0)]
    [InlineData(1e4, 1e-3)]
    public void LeakyIntegratorMatchesClosedForm(double tau, double dt)
    {
        // dx/dt = -x/tau + b: P = e^(-dt/tau), G = tau (1 - e^(-dt/tau)).
        (double[,] p, double[,] g) = Propagator.Compute(new[,] { { -1.0 / tau } }, dt);
        double expectedP = Math.Exp(-dt / tau);
        double expectedG = -tau * DetMath.Expm1(-dt / tau); // Expm1 is checked against mpmath elsewhere
        Assert.True(MatrixExponentialTests.RelativeError(expectedP, p[0, 0]) <= 1e-14, $"P = {p[0, 0]:R}, expected {expectedP:R}");
        Assert.True(MatrixExponentialTests.RelativeError(expectedG, g[0, 0]) <= 1e-14, $"G = {g[0, 0]:R}, expected {expectedG:R}");
    }

    [Theory]
    [InlineData(10.0, 2.0, 0.1)]
    [InlineData(20.0, 5.0, 1.0)]
    [InlineData(10.0, 0.5, 0.25)]
    [InlineData(15.0, 40.0, 2.0)]
    public void LifNeuronWithExponentialSynapseMatchesClosedForm(double tauM, double tauS, double dt)
    {
        // dV/dt = (-V + R I)/tauM, dI/dt = -I/tauS (tauM != tauS). State x = (V, I).
        const double R = 3.0;
        var a = new[,] { { -1.0 / tauM, R / tauM }, { 0.0, -1.0 / tauS } };
        (double[,] p, double[,] g) = Propagator.Compute(a, dt);

        double em = Math.Exp(-dt / tauM);
        double es = Math.Exp(-dt / tauS);
        double k = R * tauS / (tauS - tauM);
        var expectedP = new[,] { { em, k * (es - em) }, { 0.0, es } };

        // G = ∫0^dt P(s) ds entrywise.
        double gm = tauM * (1 - em);
        double gs = tauS * (1 - es);
        var expectedG = new[,] { { gm, k * (gs - gm) }, { 0.0, gs } };

        MatrixExponentialTests.AssertClose(expectedP, p, 1e-14);
        MatrixExponentialTests.AssertClose(expectedG, g, 1e-14);

        // And stepping the propagator reproduces the analytic trajectory over many steps.
        double v = -0.5, i = 2.0;
        for (int step = 1; step <= 200; step++)
        {
            (v, i) = ((p[0, 0] * v) + (p[0, 1] * i), (p[1, 0] * v) + (p[1, 1] * i));
        }

        double t = 200 * dt;
        double vExact = (-0.5 * Math.Exp(-t / tauM)) + (2.0 * k * (Math.Exp(-t / tauS) - Math.Exp(-t / tauM)));
        Assert.True(Math.Abs(v - vExact) <= 1e-12 * Math.Max(1.0, Math.Abs(vExact)), $"V = {v:R}, exact {vExact:R}");
    }

    [Fact]
    public void ConstantInputDrivesLeakyNeuronToSteadyState()
    {
        // x(t+dt) = P x + G b converges to -A^{-1} b = tau b for A = -1/tau.
        (double[,] p, double[,] g) = Propagator.Compute(new[,] { { -0.1 } }, 0.5);
        double x = 0;
        for (int k = 0; k < 2000; k++)
        {
            x = (p[0, 0] * x) + (g[0, 0] * 1.5);
        }

        Assert.Equal(15.0, x, 1e-12);
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(3, 1.0)]
    [InlineData(2, 37.0)]
    public void SingularZeroMatrixGivesIdentityAndDtTimesIdentity(int n, double dt)
    {
        (double[,] p, double[,] g) = Propagator.Compute(new double[n, n], dt);
        var identity = new double[n, n];
        var dtIdentity = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = 1.0;
            dtIdentity[i, i] = dt;
        }

        MatrixExponentialTests.AssertClose(identity, p, 1e-15);
        MatrixExponentialTests.AssertClose(dtIdentity, g, 1e-15);
    }

    [Fact]
    public void NilpotentMatrix()
    {
        // A = N with N^3 = 0: P = I + N dt + N^2 dt^2/2, G = I dt + N dt^2/2 + N^2 dt^3/6.
        const double Dt = 0.7;
        var n = new[,] { { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 2.0 }, { 0.0, 0.0, 0.0 } };
        (double[,] p, double[,] g) = Propagator.Compute(n, Dt);
        var expectedP = new[,] { { 1.0, Dt, Dt * Dt }, { 0.0, 1.0, 2 * Dt }, { 0.0, 0.0, 1.0 } };
        var expectedG = new[,] { { Dt, Dt * Dt / 2, Dt * Dt * Dt / 3 }, { 0.0, Dt, Dt * Dt }, { 0.0, 0.0, Dt } };
        MatrixExponentialTests.AssertClose(expectedP, p, 1e-15);
        MatrixExponentialTests.AssertClose(expectedG, g, 1e-15);
    }

    [Fact]
    public void PropagatorPAgreesWithDirectMatrixExponential()
    {
        var a = new[,] { { -0.2, 1.0, 0.0 }, { -1.0, -0.2, 0.3 }, { 0.0, 0.0, -3.0 } };
        const double Dt = 0.8;
        (double[,] p, _) = Propagator.Compute(a, Dt);
        var aDt = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                aDt[i, j] = a[i, j] * Dt;
            }
        }

        MatrixExponentialTests.AssertClose(MatrixExponential.Expm(aDt), p, 1e-14);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Propagator.Compute(new double[1, 2], 0.1));
        Assert.Throws<ArgumentException>(() => Propagator.Compute(new double[1, 1], double.NaN));
        Assert.Throws<ArgumentException>(() => Propagator.Compute(new double[1, 1], double.PositiveInfinity));
    }
}
