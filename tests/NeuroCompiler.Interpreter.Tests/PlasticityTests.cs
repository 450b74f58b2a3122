using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Interpreter.Tests;

/// <summary>
/// The diagnostics of the learning machinery: equations that cannot be event-driven, rules, synapse
/// recordings, spreads. (Its runs are a suite on every backend: Engine.Tests, PlasticitySuite.)
/// </summary>
public class PlasticityTests
{
    [Theory]
    [InlineData("da/dt = -a * a / (2 ms) : event_driven", "NC0601", "not linear in 'a'")]
    [InlineData("da/dt = -a / (2 ms) + v / (1 mV * 1 s) : event_driven", "NC0601", "coefficients change during the run")]
    [InlineData("da/dt = -a / (2 ms) : evnt_driven", "NC0121", "did you mean 'event_driven'")]
    public void EquationsThatCannotBeEventDrivenAreErrors(string equation, string code, string message)
    {
        var errors = Models.Errors($$"""
            neuron Acc { state v = 0 mV }
            synapse S {
              param w = 1 mV
              state a = 0
              {{equation}}
              on_pre { v += w * a; a += 1 }
            }
            population A = Acc[2]
            projection p = A -> A : S { connect all_to_all }
            """);
        Assert.Contains(errors, d => d.CodeText == code && d.Message.Contains(message));
    }

    [Fact]
    public void AClockDrivenEquationMayNotReadAnEventDrivenState()
    {
        var errors = Models.Errors("""
            neuron Acc { state v = 0 mV }
            synapse S {
              param w = 1 mV
              state a = 0
              state b = 0
              da/dt = -a / (2 ms) : event_driven
              db/dt = (a - b) / (5 ms)
              on_pre { v += w * b; a += 1 }
            }
            population A = Acc[2]
            projection p = A -> A : S { connect all_to_all }
            """);
        var error = Assert.Single(errors);
        Assert.Equal("NC0601", error.CodeText);
        Assert.Contains("reads 'a', which is event-driven", error.Message);
    }

    [Fact]
    public void RuleDiagnosticsPointAtTheirCause()
    {
        var errors = Models.Errors("""
            import "std/plasticity"
            neuron N { state v = 0 mV; dv/dt = -v / (5 ms) : event_driven }
            population P = N[4]
            projection a = P -> P : STDP { connect all_to_all; target = v }
            projection b = P -> P : STDP { connect all_to_all; target = nothing; wmax = 1 mV }
            record a[0:100].w
            """);
        Assert.Contains(errors, d => d.CodeText == "NC0106" && d.Message.Contains("only a synapse's equations can be event-driven"));
        Assert.Contains(errors, d => d.CodeText == "NC0118" && d.Message.Contains("param 'wmax' has no default value"));
        Assert.Contains(errors, d => d.CodeText == "NC0101" && d.Message.Contains("'nothing' is not a state of the postsynaptic neuron"));
    }

    [Fact]
    public void RecordingMoreSynapsesThanAProjectionHasIsAnError()
    {
        var errors = Models.Errors("""
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population P = N[4]
            projection a = P -> P : S { connect one_to_one }
            record a[2:10].w
            """);
        var error = Assert.Single(errors);
        Assert.Equal("NC0308", error.CodeText);
        Assert.Contains("has 4 synapses", error.Message);
    }

    [Theory]
    [InlineData("spread ab -> dc { fraction = 0.5 }", "NC0604", "neither ends at nor starts from 'A'")]
    [InlineData("spread ca -> ab { fraction = 0.5 }", "NC0602", "plasticity never spreads forward")]
    [InlineData("spread ab -> ca { fraction = 0.5 }\nspread ca -> ca { fraction = 0.1; direction = backward }", "NC0604", "neither ends at nor starts from 'C'")]
    [InlineData("spread ab -> ca { fraction = 0.5; variable = u }", "NC0101", "no param or state 'u'")]
    [InlineData("spread ab -> ca", "NC0118", "needs 'fraction")]
    [InlineData("spread ab -> nope { fraction = 0.5 }", "NC0101", "unknown projection 'nope'")]
    public void SpreadsThatCannotBeAreErrors(string spreads, string code, string message)
    {
        var errors = Models.Errors(PlasticityMotifs.Motif + "\n" + spreads.Replace("\\n", "\n"));
        Assert.Contains(errors, d => d.CodeText == code && d.Message.Contains(message));
    }

    [Fact]
    public void SpreadsThatFormACycleAreAnError()
    {
        // Two projections from P: each spreads laterally into the other.
        var errors = Models.Errors("""
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population P = N[3]
            population Q = N[3]
            projection pq = P -> Q : S { connect all_to_all }
            projection pq2 = P -> Q : S { connect one_to_one }
            spread pq -> pq2 { fraction = 0.5 }
            spread pq2 -> pq { fraction = 0.5 }
            """);
        var error = Assert.Single(errors);
        Assert.Equal("NC0603", error.CodeText);
        Assert.Contains("pq -> pq2 -> pq", error.Message);
    }
}
