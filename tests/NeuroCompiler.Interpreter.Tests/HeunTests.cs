using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Interpreter.Tests;

/// <summary>Heun's method (<c>method heun</c>) against closed forms: its order, and its stage at t + dt.</summary>
public class HeunTests
{
    private static double[] Trace(SimulationResult result) => result.Traces[0].Values.Select(v => v[0]).ToArray();

    private static double[] Run(string dt, string equation) => Trace(Models.Run($$"""
        model heun { dt = {{dt}}; duration = 11 ms; precision = float64 }
        neuron M {
          param tau = 10 ms
          state x = 1
          dx/dt = {{equation}}
          method heun
        }
        population P = M[1]
        record P.x
        """));

    [Fact]
    public void ADecayConvergesAtSecondOrder()
    {
        // dx/dt = -x/tau, x(0) = 1: x(t) = exp(-t/tau). Each step multiplies by 1 + z + z²/2 with z = -dt/tau.
        double Error(string dt, double h)
        {
            var x = Run(dt, "-x / tau");
            int k = (int)Math.Round(10e-3 / h);
            double z = -h / 10e-3;
            Assert.Equal(Math.Pow(1 + z + z * z / 2, k), x[k], 1e-13);
            return Math.Abs(x[k] - Math.Exp(-1));
        }
        double coarse = Error("0.5 ms", 0.5e-3);
        double fine = Error("0.25 ms", 0.25e-3);
        Assert.InRange(Math.Log2(coarse / fine), 1.9, 2.1);
    }

    [Fact]
    public void TheSecondStageIsAtTheEndOfTheStep()
    {
        // dx/dt = (t/tau)²/tau: Heun is the trapezoidal rule, x_{n+1} = x_n + dt/2·(f(t_n) + f(t_n + dt)),
        // which differs from the midpoint rule (f at t_n + dt/2) and from the exact 1 + (t/tau)³/3.
        const double h = 0.5e-3, tau = 10e-3;
        var x = Run("0.5 ms", "(t / tau) * (t / tau) / tau");
        double expected = 1;
        for (int n = 0; n < 20; n++)
        {
            double f0 = n * h / tau * (n * h / tau) / tau, f1 = (n + 1) * h / tau * ((n + 1) * h / tau) / tau;
            expected += h / 2 * (f0 + f1);
            Assert.Equal(expected, x[n + 1], 1e-13);
        }
        Assert.NotEqual(1 + Math.Pow(20 * h / tau, 3) / 3, x[20], 1e-6);
    }
}
