using NeuroCompiler.Core;
using NeuroCompiler.IR.Passes;
using NeuroCompiler.IR.Verification;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// The IR stays within <see cref="Limits.MaxIrNesting"/> (the documented multiple of the source limit)
/// for the deepest source the front end accepts, every IR walker handles it on xunit's small-stack
/// threads, and the verifier catches an expression deeper than the IR allows.
/// </summary>
public class NestingTests
{
    private static int DeepestExpression(Network network)
    {
        var model = network.Populations[0].Model!;
        var integrator = model.Integrator switch
        {
            ExplicitIntegrator e => e.Locals.AddRange(e.Next),
            LinearPropagator l => l.A.AddRange(l.B),
            _ => System.Collections.Immutable.ImmutableArray<IrExpression>.Empty,
        };
        return model.Odes.Select(o => o.Rhs).Concat(integrator).Max(e => e.Depth());
    }

    [Fact]
    public void UniformMakesTheIrThreeTimesAsDeepAndNoDeeper()
    {
        var network = Models.Network(DeepInputs.UniformLet());
        int depth = DeepestExpression(network);
        Assert.InRange(depth, 3 * (Limits.MaxNesting - 5), Limits.MaxIrNesting);
        IrVerifier.Check(network, IrStage.ConnectivityInstantiated, "test");
    }

    [Fact]
    public void ClipMakesTheIrTwiceAsDeep()
    {
        var network = Models.Network(DeepInputs.ClipEquation());
        Assert.InRange(DeepestExpression(network), 2 * (Limits.MaxNesting - 2), Limits.MaxIrNesting);
        IrVerifier.Check(network, IrStage.ConnectivityInstantiated, "test");
    }

    [Fact]
    public void OneLevelMoreStopsAtTheFrontEnd()
    {
        Assert.Equal("NC0004", Assert.Single(Models.Errors(DeepInputs.UniformLet(extra: 1))).CodeText);
        Assert.Equal("NC0004", Assert.Single(Models.Errors(DeepInputs.ClipEquation(extra: 1))).CodeText);
    }

    [Fact]
    public void PrintingAndEvaluatingTheDeepestIrNeedNoDeepStackOfTheCaller()
    {
        var network = Models.Network(DeepInputs.UniformLet());
        string printed = NetworkPrinter.Print(network);
        Assert.Contains("rand[", printed, StringComparison.Ordinal);
        var values = InitialValues.Compute(network, network.Populations[0]);
        Assert.All(values.Evaluate(network.Populations[0].Model!.Odes[0].Rhs), x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void TheVerifierRejectsAnExpressionDeeperThanTheIrAllows()
    {
        var network = Models.Network(DeepInputs.Header + "neuron N {\n  state v = 0 mV\n  dv/dt = -v / (10 ms)\n}\npopulation P = N[1]\n");
        IrExpression deep = new IrVariable(new VariableRef(VariableSpace.NeuronState, 0, Side.Self));
        for (int i = 0; i <= Limits.MaxIrNesting; i++)
        {
            deep = new IrUnary(IrUnaryOperator.Negate, deep);
        }
        var model = network.Populations[0].Model!;
        var broken = network with
        {
            Populations = network.Populations.SetItem(0, network.Populations[0] with { Model = model with { Odes = model.Odes.SetItem(0, model.Odes[0] with { Rhs = deep }) } }),
        };
        var failure = Assert.Throws<IrVerificationException>(() => IrVerifier.Check(broken, IrStage.ConnectivityInstantiated, "a pass that deepens"));
        Assert.Contains($"an expression {Limits.MaxIrNesting + 1} levels deep (the IR allows {Limits.MaxIrNesting})", failure.Message);
    }
}
