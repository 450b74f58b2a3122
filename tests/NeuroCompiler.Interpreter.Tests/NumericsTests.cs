using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Interpreter.Tests;

/// <summary>The integrators against closed forms: firing rates, propagators, convergence orders.</summary>
public class NumericsTests
{
    private static double[] Trace(SimulationResult result, int neuron = 0) =>
        result.Traces[0].Values.Select(v => v[neuron]).ToArray();

    [Fact]
    public void LifUnderConstantCurrentFiresAtTheClosedFormRate()
    {
        // ISI = t_ref + tau ln((R I - (Vr - El)) / (R I - (Vt - El))), with R I = 25, 50, 75, 100 mV.
        var result = Models.Run("""
            model lif { dt = 0.01 ms; duration = 1 s; precision = float64 }
            neuron L {
              param tau = 20 ms
              param El = -70 mV
              param Vt = -50 mV
              param Vr = -70 mV
              param R = 100 MOhm
              param I = 0.25 nA
              state v = Vr
              dv/dt = (El - v + R * I) / tau
              threshold v > Vt
              reset { v = Vr }
              refractory 2 ms
            }
            population P = L[4] { I = 0.25 nA * (1 + i) }
            record spikes P
            """);
        var train = result.Spikes[0];
        for (int neuron = 0; neuron < 4; neuron++)
        {
            double drive = 25e-3 * (1 + neuron);
            double expected = 2e-3 + 20e-3 * Math.Log(drive / (drive - 20e-3));
            var steps = train.Steps.Where((_, k) => train.Indices[k] == neuron).ToArray();
            Assert.True(steps.Length >= 5, $"neuron {neuron} fired {steps.Length} times");
            double isi = (steps[^1] - steps[0]) * 1e-5 / (steps.Length - 1);
            // Spikes are detected on the 0.01 ms grid: the interval is within one step of the exact one.
            Assert.InRange(isi, expected - 1.1e-5, expected + 1.1e-5);
        }
    }

    [Fact]
    public void ExactPropagatorMatchesTheAnalyticSolutionOfACurrentDrivenMembrane()
    {
        // v(t) - El = I0/C * taum*taus/(taus - taum) * (exp(-t/taus) - exp(-t/taum))
        var result = Models.Run("""
            model prop { dt = 0.1 ms; duration = 50 ms; precision = float64 }
            neuron M {
              param C = 250 pF
              param taum = 10 ms
              param taus = 2 ms
              param El = -70 mV
              state v = El
              state Is = 500 pA
              dv/dt = (El - v) / taum + Is / C
              dIs/dt = -Is / taus
            }
            population P = M[1]
            record P.v every 0.1 ms
            """);
        var v = Trace(result);
        double worst = 0;
        for (int k = 0; k < v.Length; k++)
        {
            double t = k * 1e-4;
            double exact = -70e-3 + 500e-12 / 250e-12 * (10e-3 * 2e-3 / (2e-3 - 10e-3)) * (Math.Exp(-t / 2e-3) - Math.Exp(-t / 10e-3));
            worst = Math.Max(worst, Math.Abs(v[k] - exact));
        }
        Assert.True(worst < 1e-14, $"largest error {worst} V");
    }

    [Fact]
    public void ExponentialEulerIsExactForALinearEquationWithConstantInput()
    {
        var result = Models.Run("""
            model ee { dt = 0.1 ms; duration = 20 ms; precision = float64 }
            neuron M {
              param tau = 5 ms
              param E = 10 mV
              state v = 0 mV
              dv/dt = (E - v) / tau
              method exponential_euler
            }
            population P = M[1]
            record P.v
            """);
        var v = Trace(result);
        for (int k = 0; k < v.Length; k++)
        {
            Assert.Equal(10e-3 * (1 - Math.Exp(-k * 1e-4 / 5e-3)), v[k], 1e-15);
        }
    }

    [Theory]
    [InlineData("euler", 1)]
    [InlineData("rk2", 2)]
    [InlineData("rk4", 4)]
    public void RungeKuttaMethodsConvergeAtTheirOrder(string method, int order)
    {
        // dx/dt = -x^2/tau, x(0) = 1: x(t) = 1 / (1 + t/tau). Error at t = 10 ms for dt and dt/2.
        double Error(string dt, double dtSeconds)
        {
            var result = Models.Run($$"""
                model order { dt = {{dt}}; duration = 11 ms; precision = float64 }
                neuron M {
                  param tau = 10 ms
                  state x = 1
                  dx/dt = -x**2 / tau
                  method {{method}}
                }
                population P = M[1]
                record P.x
                """);
            var x = Trace(result);
            int k = (int)Math.Round(10e-3 / dtSeconds);
            return Math.Abs(x[k] - 0.5);
        }
        double coarse = Error("0.5 ms", 0.5e-3);
        double fine = Error("0.25 ms", 0.25e-3);
        double observed = Math.Log2(coarse / fine);
        Assert.InRange(observed, order - 0.15, order + 0.15);
    }

    [Fact]
    public void EulerMaruyamaGivesTheStationaryVarianceOfAnOrnsteinUhlenbeckProcess()
    {
        // dx = -x/tau dt + sigma sqrt(2/tau) dW has stationary variance sigma^2 = 0.04.
        var result = Models.Run("""
            model ou { dt = 0.1 ms; duration = 200 ms; seed = 3; precision = float64 }
            neuron O {
              param tau = 10 ms
              param sigma = 0.2
              state x = 0
              dx/dt = -x / tau + sigma * sqrt(2 / tau) * xi
            }
            population P = O[2000]
            record P.x every 100 ms
            """);
        var last = result.Traces[0].Values[^1];
        double mean = last.Average();
        double variance = last.Select(x => (x - mean) * (x - mean)).Sum() / (last.Length - 1);
        // 2000 samples: the sample variance has a relative standard error of about 3%.
        Assert.InRange(variance, 0.04 * 0.88, 0.04 * 1.12);
        Assert.InRange(mean, -0.02, 0.02);
    }
}
