using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Values that populations, projections and variants give to a type's members.</summary>
public class OverrideTests
{
    private const string Types = """
        param tau_m = 5 ms
        param w = 0.5 mV
        neuron N {
          param tau_m = 10 ms
          param a = 1 ms
          param b = 2 ms
          state v = 0 mV
          dv/dt = -v / tau_m
        }
        synapse S { param w = 1 mV; on_pre { v += w } }

        """;

    [Fact]
    public void AMemberGivenTheValueOfItsOwnNameReadsTheModelParam()
    {
        var model = Clean(Types + """
            population P = N[2] { tau_m = tau_m }
            projection p = P -> P : S { connect all_to_all; w = w }
            neuron Fast = N { tau_m = tau_m / 2 }
            population F = Fast[1]
            """);
        var population = model.Populations.Single(p => p.Name == "P");
        var tau = Assert.IsType<BoundVariable>(Assert.Single(population.Overrides).Value);
        Assert.Equal(VariableKind.GlobalParameter, tau.Symbol.Kind);
        var w = Assert.IsType<BoundVariable>(Assert.Single(model.Projections.Single().Initializers).Value);
        Assert.Equal(VariableKind.GlobalParameter, w.Symbol.Kind);
        var fast = model.NeuronTypes.Single(t => t.Name == "Fast").FindParameter("tau_m")!;
        var quotient = Assert.IsType<BoundBinary>(fast.Value);
        Assert.Equal(VariableKind.GlobalParameter, Assert.IsType<BoundVariable>(quotient.Left).Symbol.Kind);
    }

    [Fact]
    public void OverridesThatDependOnEachOtherInACycleAreReported() => Expect(Types + """
        population Q = N[2] { «a = b»; b = a }
        population R = N[2] { a = b }
        """, "NC0304 in population 'Q', 'a' is defined in terms of itself: 'a' -> 'b' -> 'a'");

    [Fact]
    public void ASynapseValueCycleInAProjectionIsReported() => Expect("""
        neuron N { state v = 0 mV }
        synapse S { param w = 1 mV; param u = 2 mV; on_pre { v += w + u } }
        population P = N[2]
        projection p = P -> P : S { connect all_to_all; «w = u»; u = w }
        """, "NC0304 in projection 'p', 'w' is defined in terms of itself: 'w' -> 'u' -> 'w'");
}
