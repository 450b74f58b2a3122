using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Interpreter.Tests;

/// <summary>
/// The learning machinery of the reference interpreter: event-driven synapse states, clock rules,
/// model-level states written by the model, recording synapse variables, and their diagnostics.
/// </summary>
public class PlasticityTests
{
    private static double[] Column(SimulationResult result, string variable, int index) =>
        result.Traces.Single(t => t.Variable == variable).Values.Select(v => v[index]).ToArray();

    [Fact]
    public void AnEventDrivenTraceIsExactBetweenEventsAndRecordedAsAdvanced()
    {
        // Pre spikes at steps 10 and 30 arrive one step later; the trace jumps by 1 at each and
        // decays with tau = 2 ms in between, sampled at the start of each step without being touched.
        var result = Models.Run("""
            model e { dt = 0.1 ms; duration = 5 ms; precision = float64 }
            neuron Acc { state v = 0 mV }
            synapse Trace {
              param w = 1 mV
              state a = 0
              da/dt = -a / (2 ms) : event_driven
              on_pre { v += w * a; a += 1 }
            }
            population G = SpikeGenerator[1] { times = [1 ms, 3 ms] }
            population A = Acc[1]
            projection p = G -> A : Trace { connect all_to_all }
            record p.a
            record A.v
            """);
        var a = Column(result, "a", 0);
        Assert.Equal(0, a[11]);                             // sampled before step 11's delivery
        Assert.Equal(Math.Exp(-0.05), a[12], 15);           // one step of 0.1 ms at tau = 2 ms
        Assert.Equal(Math.Exp(-0.55), a[22], 15);
        Assert.Equal((1 + Math.Exp(-1.0)) * Math.Exp(-0.05), a[32], 15); // advanced over 20 steps in one go, then + 1
        Assert.Equal((1 + Math.Exp(-1.0)) * Math.Exp(-0.9), a[^1], 14);
        // The handler read the trace as advanced to the second event: v = w * exp(-1).
        Assert.Equal(1e-3 * Math.Exp(-1.0), Column(result, "v", 0)[32], 15);
    }

    [Fact]
    public void AnEventDrivenStateWithAnInputRelaxesExactlyToItsFixedPoint()
    {
        // da/dt = (0.5 - a) / 3 ms from a = 1: at each arrival (steps 21, 26, 171) the handler reads
        // a = 0.5 + (a_last - 0.5) exp(-Δ / 3 ms), adds w * a to v, then adds 1 to a.
        var result = Models.Run("""
            model e { dt = 0.1 ms; duration = 30 ms; precision = float64 }
            neuron Acc { state v = 0 mV }
            synapse Trace {
              param w = 1 mV
              state a = 1
              da/dt = (0.5 - a) / (3 ms) : event_driven
              on_pre { v += w * a; a += 1 }
            }
            population G = SpikeGenerator[1] { times = [2 ms, 2.5 ms, 17 ms] }
            population A = Acc[1]
            projection p = G -> A : Trace { connect all_to_all }
            record A.v
            """);
        double value = 1, v = 0;
        long last = 0;
        foreach (long step in new long[] { 21, 26, 171 })
        {
            value = 0.5 + (value - 0.5) * Math.Exp(-(step - last) * 0.1 / 3);
            v += 1e-3 * value;
            value += 1;
            last = step;
        }
        Assert.Equal(v, Column(result, "v", 0)[^1], 15);
    }

    [Fact]
    public void ClockRulesRunEveryIntervalForEverySynapseInRankOrder()
    {
        // Steps 0, 10, ..., 40: five runs. The vector rule adds to each weight; the second rule, which
        // writes a model-level state, runs synapse by synapse: total += w of each of the 3 synapses.
        var result = Models.Run("""
            model c { dt = 0.1 ms; duration = 5 ms; precision = float64 }
            signals { state total = 0 }
            neuron Acc { state v = 0 mV }
            synapse Growing {
              param w = 1 mV
              on_pre { v += w }
              every 1 ms { w += 1 mV * (1 + j) }
              every 1 ms { total += w / (1 mV) }
            }
            population A = Acc[3]
            projection p = A -> A : Growing { connect one_to_one }
            record p.w every 1 ms
            record total every 1 ms
            """);
        var w = result.Traces.Single(t => t.Variable == "w");
        Assert.Equal(new[] { 1e-3, 1e-3, 1e-3 }, w.Values[0]);        // sampled before step 0's rules
        Assert.Equal(new[] { 5e-3, 9e-3, 13e-3 }, w.Values[4].Select(x => Math.Round(x, 12)));
        // After step 30 (fourth run): sum over runs 1..4 of (w after the run) = Σ_k Σ_j (1 + k(1 + j)) mV.
        double expected = Enumerable.Range(1, 4).Sum(k => Enumerable.Range(0, 3).Sum(j => 1.0 + k * (1 + j)));
        Assert.Equal(expected, Column(result, "total", 0)[4], 12);
    }

    [Fact]
    public void AResetAndAHandlerCanRaiseAModelLevelState()
    {
        var result = Models.Run("""
            model r { dt = 0.1 ms; duration = 10 ms }
            signals {
              state spikes = 0
              state arrivals = 0
            }
            neuron Counter {
              state v = 0
              threshold v > 0.5
              reset { v = 0; spikes += 1 }
            }
            synapse Count { param w = 1; on_pre { v += w; arrivals += 1 } }
            population G = SpikeGenerator[2] { times = [1 ms, 2 ms, 5 ms]; indices = [0, 1, 0] }
            population C = Counter[3]
            projection p = G -> C : Count { connect all_to_all }
            record spikes, arrivals every 1 ms
            """);
        Assert.Equal(9, result.Populations.Single(p => p.Name == "C").Spikes);
        Assert.Equal(9, Column(result, "spikes", 0)[^1]);
        Assert.Equal(9, Column(result, "arrivals", 0)[^1]);
    }

    [Fact]
    public void TheStandardRulesDeliverToTheTargetTheProjectionNames()
    {
        // A required wmax takes the unit of the target: nS for a conductance, pA for a current.
        var result = Models.Run("""
            import "std/plasticity"
            model t { dt = 0.1 ms; duration = 3 ms }
            neuron N {
              state ge = 0 nS
              state I = 0 pA
            }
            population G = SpikeGenerator[1] { times = [1 ms] }
            population P = N[1]
            projection a = G -> P : STDP { connect all_to_all; target = ge; wmax = 2 nS }
            projection b = G -> P : TripletSTDP { connect all_to_all; target = I; wmax = 50 pA; w = 20 pA }
            record P.ge, P.I
            """);
        Assert.Equal(1.0, Column(result, "ge", 0)[^1] / 1e-9, 15);
        Assert.Equal(20.0, Column(result, "I", 0)[^1] / 1e-12, 13);
    }

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
}
