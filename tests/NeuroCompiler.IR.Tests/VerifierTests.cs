using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Driver;
using NeuroCompiler.IR.Passes;
using NeuroCompiler.IR.Verification;
using NeuroCompiler.Lowering;
using NeuroCompiler.Semantics;
using NeuroCompiler.Syntax;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// The IR verifier: every stage's promises hold for every sample, and a network that breaks one on
/// purpose fails with a message that names the place and the promise.
/// </summary>
public class VerifierTests
{
    private const string Small = """
        neuron N {
          param tau = 10 ms
          state v = 0 mV
          dv/dt = -v / tau
          threshold v > 15 mV
          reset { v = 0 mV }
          refractory 2 ms
        }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population P = N[20]
        projection pp = P -> P : S { connect fixed_probability(0.5); delay = uniform(1 ms, 2 ms) }
        """;

    [Fact]
    public void TheTestSuiteVerifiesTheIrAfterEveryPass()
    {
        // tests/verify-ir.runsettings sets the variable for every test project: without it, no test
        // would notice a pass that breaks a promise in Release.
        Assert.Equal("1", Environment.GetEnvironmentVariable(CompileOptions.VerifyIrVariable));
        Assert.True(new CompileOptions().VerifyIr);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleKeepsEveryPromiseOfEveryStage(string sample)
    {
        var compilation = Models.CompileFile(Repository.Path("samples", sample), SampleSizes.For(sample).ToArray());
        Assert.True(compilation.Success, DiagnosticFormatter.FormatAll(compilation.Diagnostics));
        Assert.Empty(IrVerifier.Problems(compilation.Network!, IrStage.ConnectivityInstantiated));
    }

    public static TheoryData<string> Samples() => new(Directory.GetFiles(Repository.Path("samples"), "*.neuro").Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void APassThatLeavesDtBehindFailsAfterItWithItsName()
    {
        var lowered = Lowered("""
            neuron N { state v = 1 mV; dv/dt = -v / (100 * dt) }
            population P = N[2]
            """);
        Assert.Empty(IrVerifier.Problems(lowered, IrStage.Lowered));
        var lazy = new PassPipeline(new INetworkPass[] { new Unchanged("lazy-folding", IrStage.Folded) }) { Verify = true };
        var error = Assert.Throws<IrVerificationException>(() => lazy.Run(lowered));
        Assert.Equal("lazy-folding", error.AfterPass);
        Assert.Contains("population P, equation for v still reads dt", error.Problems);
        Assert.StartsWith("IR verification failed after lazy-folding (stage Folded):", error.Message);
        var (folded, diagnostics, _) = new PassPipeline(new INetworkPass[] { new ConstantFolding() }) { Verify = true }.Run(lowered);
        Assert.Empty(diagnostics);
        Assert.Empty(IrVerifier.Problems(folded!, IrStage.Folded));
    }

    [Fact]
    public void AReferenceToASlotThatDoesNotExistIsReported()
    {
        var network = Models.Network(Small);
        var broken = WithNeuron(network, m => m with { Threshold = new IrVariable(new VariableRef(VariableSpace.NeuronState, 5)) });
        Assert.Equal(new[] { "population P, threshold reads NeuronState slot 5 (Self), out of range (there are 1)" },
            IrVerifier.Problems(broken, IrStage.Lowered));
    }

    [Fact]
    public void ANeuronThatReadsASynapseVariableBreaksContextAccess()
    {
        var network = Models.Network(Small);
        var broken = WithNeuron(network, m => m with { Threshold = new IrVariable(new VariableRef(VariableSpace.SynapseParameter, 0)) });
        Assert.Contains("population P, threshold reads SynapseParameter (Self), which a Threshold expression may not read", IrVerifier.Problems(broken, IrStage.Lowered));
    }

    [Fact]
    public void AHandlerThatWritesANeuronWithoutASideBreaksContextAccess()
    {
        var network = Models.Network(Small);
        var projection = network.Projections[0];
        var statement = projection.Synapse.OnPre[0];
        var broken = network with
        {
            Projections = network.Projections.SetItem(0, projection with
            {
                Synapse = projection.Synapse with { OnPre = projection.Synapse.OnPre.SetItem(0, statement with { Target = statement.Target with { Side = Side.Self } }) },
            }),
        };
        // A neuron variable without a side belongs to no neuron: it neither resolves nor may be written.
        Assert.Equal(new[]
        {
            "projection pp, on_pre writes NeuronState slot 0 (Self), out of range (there are 0)",
            "projection pp, on_pre writes NeuronState (Self), which a SynapseHandler statement may not write",
        }, IrVerifier.Problems(broken, IrStage.ConnectivityInstantiated));
    }

    [Fact]
    public void NoiseOutsideAnEquationIsReported()
    {
        var network = Models.Network(Small);
        var broken = WithNeuron(network, m => m with { Threshold = new IrBinary(IrBinaryOperator.Greater, new IrNoise(0), IrConstant.Zero) });
        Assert.Contains("population P, threshold holds white noise, which only an equation may (before its integrator is chosen)",
            IrVerifier.Problems(broken, IrStage.Lowered));
    }

    [Fact]
    public void AFixedParameterOrConstantOperationLeftAfterFoldingIsReported()
    {
        var network = Models.Network(Small);
        var broken = WithNeuron(network, m => m with
        {
            Threshold = new IrBinary(IrBinaryOperator.Greater, new IrVariable(new VariableRef(VariableSpace.NeuronParameter, 0)),
                new IrBinary(IrBinaryOperator.Add, IrConstant.One, IrConstant.One)),
        });
        Assert.Equal(new[]
        {
            "population P, threshold still reads the fixed parameter 'tau'",
            "population P, threshold still computes an operation on constants (IrBinary)",
        }, IrVerifier.Problems(broken, IrStage.Folded));
        Assert.Empty(IrVerifier.Problems(broken, IrStage.Lowered)); // before folding both are fine
    }

    [Fact]
    public void EquationsWithoutAnIntegratorAfterSelectionAreReported()
    {
        var network = Models.Network(Small);
        var broken = WithNeuron(network, m => m with { Integrator = null });
        Assert.Equal(new[] { "population P has equations but no integrator" }, IrVerifier.Problems(broken, IrStage.IntegratorsSelected));
        Assert.Empty(IrVerifier.Problems(broken, IrStage.Folded));
    }

    [Fact]
    public void ADelayOrRefractoryPeriodNotInWholeStepsIsReported()
    {
        var network = Models.Network(Small);
        var refractory = WithNeuron(network, m => m with { Refractory = m.Refractory! with { ConstantSteps = 3 } });
        var broken = refractory with
        {
            Projections = network.Projections.SetItem(0, network.Projections[0] with { Delay = new IrConstant(1e-3), ConstantDelaySteps = null }),
        };
        Assert.Equal(new[]
        {
            "projection pp: its delay of 0.001 s is one number but has no step count",
            "population P: its refractory period of 0.002 s is 3 steps (dt 0.0001 s)",
        }, IrVerifier.Problems(broken, IrStage.DelaysDiscretised));
    }

    [Fact]
    public void SynapsesOutOfTheirRangeOrOrderAreReported()
    {
        var network = Models.Network(Small);
        var projection = network.Projections[0];
        var c = projection.Synapses!;
        var targets = c.Targets.ToArray();
        int row = Enumerable.Range(0, 20).First(s => c.RowStart[s + 1] - c.RowStart[s] >= 2);
        (targets[c.RowStart[row]], targets[c.RowStart[row] + 1]) = (targets[c.RowStart[row] + 1], targets[c.RowStart[row]]);
        var swapped = network with
        {
            Projections = network.Projections.SetItem(0, projection with { Synapses = c with { Targets = IndexColumn.From(targets, 19), DelayOffsets = null, MaxDelay = c.MinDelay } }),
        };
        var problem = Assert.Single(IrVerifier.Problems(swapped, IrStage.ConnectivityInstantiated));
        Assert.StartsWith($"projection pp: synapse {c.RowStart[row] + 1} (row {row}) has target", problem);
        Assert.EndsWith("out of range or out of order", problem);
        var unbuilt = network with { Projections = network.Projections.SetItem(0, projection with { Synapses = null }) };
        Assert.Equal(new[] { "projection pp has no synapses built" }, IrVerifier.Problems(unbuilt, IrStage.ConnectivityInstantiated));
        Assert.Empty(IrVerifier.Problems(unbuilt, IrStage.DelaysDiscretised));
    }

    private static Network WithNeuron(Network network, Func<NeuronModel, NeuronModel> change) =>
        network with { Populations = network.Populations.SetItem(0, network.Populations[0] with { Model = change(network.Populations[0].Model!) }) };

    private static Network Lowered(string text)
    {
        var bound = Binder.Bind(SyntaxTree.Parse(SourceText.From(text, "test.neuro")), new BindOptions(Array.Empty<ParameterOverride>(), Semantics.Binding.SourceResolver.Default));
        Assert.NotNull(bound.Model);
        var lowered = Lowerer.Lower(bound.Model!);
        return lowered.Network ?? throw new InvalidOperationException(DiagnosticFormatter.FormatAll(lowered.Diagnostics));
    }

    /// <summary>A pass that claims a stage and does nothing: what a pass that forgets its work looks like.</summary>
    private sealed class Unchanged(string name, IrStage produces) : INetworkPass
    {
        public string Name => name;

        public IrStage Produces => produces;

        public Network Run(Network network, DiagnosticBag diagnostics) => network;
    }
}
