using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.IR.Passes;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

public class PassTests
{
    private static NeuronModel Neuron(string body, string population = "", params string[] overrides) =>
        Models.Network($$"""
            neuron N {
            {{body}}
            }
            population P = N[10] {{population}}
            """, overrides).Populations[0].Model!;

    [Fact]
    public void ConstantFoldingReplacesFixedParametersButKeepsPerNeuronAndChangedOnes()
    {
        var network = Models.Network("""
            param g = 2
            neuron N {
              param a = 3 ms
              param b = a * g
              param c = 1 ms
              param h = 5 ms
              state v = 0 mV
              dv/dt = -v / (a + b + c + h)
            }
            population P = N[4] { c = i * 1 ms }
            stimulus s = constant(2 ms) -> P[0:2].h
            """);
        var model = network.Populations[0].Model!;
        Assert.Equal(new IrConstant(6e-3), model.Parameters[1].Initial);
        Assert.False(model.Parameters[1].PerElement);
        Assert.True(model.Parameters[2].PerElement);
        Assert.True(model.Parameters[3].PerElement && model.Parameters[3].Mutable);
        // a + b folds to 9 ms; c and h stay variables.
        var rhs = ExpressionPrinter.Print(model.Odes[0].Rhs, r => model.Parameters.Concat(model.States).ElementAt(r.Space == VariableSpace.NeuronState ? 4 : r.Slot).Name);
        Assert.Equal("-v / (0.009000000000000001 + c + h)", rhs);
    }

    [Fact]
    public void LinearSystemsAreIntegratedExactlyWithTheirPropagator()
    {
        var model = Neuron("""
              param tau = 10 ms
              state v = 0 mV
              dv/dt = (5 mV - v) / tau
            """);
        var integrator = Assert.IsType<LinearPropagator>(model.Integrator);
        Assert.Equal(Math.Exp(-0.1 / 10), integrator.Matrices!.P[0], 15);
        Assert.Equal(5e-3 * (1 - Math.Exp(-0.01)), integrator.Input!.Value[0], 15);
    }

    [Fact]
    public void HeterogeneousTimeConstantsGetPerNeuronPropagators()
    {
        var model = Neuron("""
              param tau = 10 ms
              state v = 0 mV
              dv/dt = -v / tau
            """, "{ tau = (10 + i) * 1 ms }");
        var integrator = Assert.IsType<LinearPropagator>(model.Integrator);
        Assert.Null(integrator.Matrices);
    }

    [Fact]
    public void TheDefaultMethodFollowsTheEquations()
    {
        Assert.Equal("exponential_euler", Assert.IsType<ExplicitIntegrator>(Neuron("""
              state v = 0 mV
              state g = 1
              dv/dt = g * (10 mV - v) / (10 ms)
              dg/dt = -g / (5 ms)
            """).Integrator).Method);
        Assert.Equal("rk4", Assert.IsType<ExplicitIntegrator>(Neuron("""
              state v = 0.1
              dv/dt = v**2 / (10 ms)
            """).Integrator).Method);
        var noisy = Assert.IsType<ExplicitIntegrator>(Neuron("""
              state v = 0
              dv/dt = -v / (10 ms) + xi / sqrt(10 ms)
            """).Integrator);
        Assert.Equal("euler_maruyama", noisy.Method);
        int normals = 0;
        noisy.Next[0].Any(e => e is IrRandom { Kind: RandomKind.Normal } && ++normals < 0);
        Assert.Equal(1, normals);
    }

    [Fact]
    public void ARequestedMethodThatCannotApplyIsAnErrorThatSaysWhy()
    {
        var errors = Models.Errors("""
            neuron N {
              state v = 0.1
              dv/dt = v**2 / (10 ms)
              method exact
            }
            population P = N[1]
            """);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCode.MethodNotApplicable, error.Code);
        Assert.Contains("not linear", error.Message);
        Assert.Equal(4, error.Location!.Start.Line);
    }

    [Fact]
    public void NoiseThatEntersNonlinearlyIsAnError()
    {
        var error = Assert.Single(Models.Errors("""
            neuron N {
              state v = 0
              dv/dt = xi * xi
            }
            population P = N[1]
            """));
        Assert.Equal(ErrorCode.NonlinearInNoise, error.Code);
    }

    [Theory]
    [InlineData("method exact")]
    [InlineData("")]                           // default method
    [InlineData("method exponential_euler")]
    [InlineData("method rk4")]
    public void ATimeConstantOfZeroIsAnErrorOnTheEquationNotACrash(string method)
    {
        // Found by MutatedModelsThatCompileAlsoRun: tau = 0 made the propagator's matrix infinite.
        var error = Assert.Single(Models.Errors($$"""
            neuron N {
              param tau = 0 ms
              state v = 0 mV
              dv/dt = (10 mV - v) / tau
              {{method}}
            }
            population P = N[1]
            """));
        Assert.Equal(ErrorCode.InvalidValue, error.Code);
        Assert.Equal(4, error.Location!.Start.Line);
        Assert.Contains("not finite", error.Message);
    }

    [Fact]
    public void DelaysAndRefractoryPeriodsBecomeWholeSteps()
    {
        var network = Models.Network("""
            model m { dt = 0.1 ms }
            neuron N {
              state v = 0 mV
              threshold v > 1 mV
              refractory 2.04 ms
            }
            synapse S { on_pre { v += 1 mV } }
            population P = N[2]
            projection p = P -> P : S { connect all_to_all; delay = 1.46 ms }
            projection q = P -> P : S { connect all_to_all }
            """);
        Assert.Equal(20, network.Populations[0].Model!.Refractory!.ConstantSteps);
        Assert.Equal(15, network.Projections[0].ConstantDelaySteps);
        Assert.Equal(1, network.Projections[1].ConstantDelaySteps);
    }

    [Fact]
    public void ASynapseWhoseRandomDelayFallsBelowOneStepIsReported()
    {
        var error = Assert.Single(Models.Errors("""
            model m { dt = 0.1 ms }
            neuron N { state v = 0 mV }
            synapse S { on_pre { v += 1 mV } }
            population P = N[20]
            projection p = P -> P : S { connect all_to_all; delay = normal(1 ms, 1 ms) }
            """));
        Assert.Equal(ErrorCode.DelayShorterThanStep, error.Code);
        // The first synapse below a step draws a negative delay.
        Assert.Matches(@"^projection 'p', synapse \d+ -> \d+: a delay cannot be negative \(it is -[0-9.]+ ms\); clip it, e\.g\. max\(delay, dt\)$", error.Message);
    }

    [Fact]
    public void TheIrPrinterShowsEveryPart()
    {
        var text = NetworkPrinter.Print(Models.Network(File.ReadAllText(Repository.Path("samples", "cuba.neuro"))));
        Assert.Contains("model cuba: dt = 0.0001 s, 10000 steps (1 s), seed 1, float32", text);
        Assert.Contains("integrator exact over [v, ge, gi]", text);
        Assert.Contains("refractory 0.005 s = 50 steps, clamps v", text);
        Assert.Contains("projection exc: P[0:3200] -> P, Excitatory, fixed_probability(0.02)", text);
        Assert.Contains("on_pre post.ge += 0.0016200000000000001", text);
    }
}
