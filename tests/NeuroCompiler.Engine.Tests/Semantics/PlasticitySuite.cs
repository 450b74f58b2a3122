using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests.Semantics;

/// <summary>
/// The learning machinery on every backend (Suites.cs): event-driven synapse states, clock rules,
/// model-level states written by the model, spreads of plasticity, structural plasticity.
/// </summary>
public abstract class PlasticitySuite(SuiteBackend backend) : BackendSuite(backend)
{
    private static double[] Column(SimulationResult result, string variable, int index) =>
        result.Traces.Single(t => t.Variable == variable).Values.Select(v => v[index]).ToArray();

    [BackendFact]
    public void AnEventDrivenTraceIsExactBetweenEventsAndRecordedAsAdvanced()
    {
        // Pre spikes at steps 10 and 30 arrive one step later; the trace jumps by 1 at each and
        // decays with tau = 2 ms in between, sampled at the start of each step without being touched.
        var result = Run("""
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

    [BackendFact]
    public void AnEventDrivenStateWithAnInputRelaxesExactlyToItsFixedPoint()
    {
        // da/dt = (0.5 - a) / 3 ms from a = 1: at each arrival (steps 21, 26, 171) the handler reads
        // a = 0.5 + (a_last - 0.5) exp(-Δ / 3 ms), adds w * a to v, then adds 1 to a.
        var result = Run("""
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

    [BackendFact]
    public void ClockRulesRunEveryIntervalForEverySynapseInRankOrder()
    {
        // Steps 0, 10, ..., 40: five runs. The vector rule adds to each weight; the second rule, which
        // writes a model-level state, runs synapse by synapse: total += w of each of the 3 synapses.
        var result = Run("""
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

    [BackendFact]
    public void AResetAndAHandlerCanRaiseAModelLevelState()
    {
        var result = Run("""
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

    [BackendFact]
    public void TheStandardRulesDeliverToTheTargetTheProjectionNames()
    {
        // A required wmax takes the unit of the target: nS for a conductance, pA for a current.
        var result = Run("""
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

    [BackendFact]
    public void AChangeSpreadsBackwardAndLaterallyByItsFractionsAndOnwardAlongChains()
    {
        // A[0] fires once; its synapse onto B halves (Δ = -0.5 nS). Backward: ca's synapses onto A[0]
        // (ranks 0, 2, 4) change by 0.5 Δ; laterally: ad's synapses from A[0] (ranks 0, 1) by 0.2 Δ.
        // The change of each of ca's synapses (from C[c]) spreads on, backward along ca -> dc, to dc's
        // synapses onto C[c] (from D[0] and D[1]) with 0.1 of it: -0.025 nS each.
        var result = Run(PlasticityMotifs.Motif + "\n" + """
            spread ab -> ca { fraction = 0.5 }
            spread ab -> ad { fraction = 0.2 }
            spread ca -> dc { fraction = 0.1 }
            """);
        double[] Last(string projection) => result.Traces.Single(t => t.Population == projection).Values[^1].ToArray();
        static void Near(double[] expected, double[] actual) =>
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-24));
        Near(new[] { 0.5e-9, 1e-9 }, Last("ab"));
        Near(new[] { 0.75e-9, 1e-9, 0.75e-9, 1e-9, 0.75e-9, 1e-9 }, Last("ca"));
        Near(new[] { 0.9e-9, 0.9e-9, 1e-9, 1e-9 }, Last("ad"));
        Near(Enumerable.Repeat(0.975e-9, 6).ToArray(), Last("dc"));
    }

    [BackendFact]
    public void StructuralPlasticityDeliversEverySpikeOverSynapsesThatExistedWithoutABreakSinceItLeft()
    {
        // Replays the run from the recorded existence of every synapse at the start of every step (after
        // the previous step's pruning and growth): a spike of step m over a synapse of delay d is
        // delivered at step m + d if and only if the synapse existed in every step from m to m + d.
        var network = Models.Network(PlasticityMotifs.Growing);
        var result = Run(network);
        var exists = result.Traces.Single(t => t.Variable == "exists").Values;
        var count = result.Traces.Single(t => t.Variable == "count").Values;
        var synapses = network.Projections.Single(p => p.Name == "p").Synapses!;
        var generator = network.Populations.Single(p => p.Name == "G").Spikes!;
        long steps = network.Settings.Steps;
        var expected = new double[10];
        long delivered = 0, removedInFlight = 0, grownInFlight = 0;
        for (long offset = 0; offset < steps; offset += generator.PeriodSteps!.Value)
        {
            for (int s = 0; s < generator.Steps.Length; s++)
            {
                long m = generator.Steps[s] + offset;
                int neuron = generator.Indices[s];
                for (int k = synapses.RowStart[neuron]; k < synapses.RowStart[neuron + 1]; k++)
                {
                    long arrival = m + synapses.Delay(k);
                    if (m >= steps || arrival >= steps)
                    {
                        continue;
                    }
                    bool throughout = true;
                    for (long step = m; step <= arrival; step++)
                    {
                        throughout &= exists[(int)step][k] != 0;
                    }
                    if (throughout)
                    {
                        delivered++;
                        if (arrival + 1 < steps)
                        {
                            expected[synapses.Targets[k]]++;
                        }
                    }
                    else if (exists[(int)m][k] != 0)
                    {
                        removedInFlight++;
                    }
                    else if (exists[(int)arrival][k] != 0)
                    {
                        grownInFlight++;
                    }
                }
            }
        }
        Assert.Equal(expected, count[^1].ToArray());
        Assert.Equal(delivered, result.SynapticEvents);
        // The run had both cases to get right: spikes in flight over a synapse removed, or created, meanwhile.
        Assert.True(delivered > 1000 && removedInFlight > 50 && grownInFlight > 50, $"{delivered} {removedInFlight} {grownInFlight}");
    }

    [BackendFact]
    public void TheSameSeedRewiresTheSameWayAndAnotherSeedDifferently()
    {
        var a = Run(PlasticityMotifs.Growing);
        var b = Run(PlasticityMotifs.Growing);
        var c = Run(PlasticityMotifs.Growing, "seed=6");
        double[] Final(SimulationResult r) => r.Traces.Single(t => t.Variable == "exists").Values[^1].ToArray();
        Assert.Equal(Final(a), Final(b));
        Assert.NotEqual(Final(a), Final(c));
        Assert.Contains(0.0, Final(a));
        Assert.Contains(1.0, Final(a));
    }

    [BackendFact]
    public void ARunLeavesTheNetworkAsBuiltSoASecondRunIsTheSame()
    {
        // Values a spread writes are copied per run, like those a handler writes, never the IR's own.
        var network = Models.Network(PlasticityMotifs.Motif + "\n" + "spread ab -> ca { fraction = 0.5 }");
        var first = Run(network);
        var second = Run(network);
        Assert.Equal(first.Traces.Single(t => t.Population == "ca").Values[^1].ToArray(), second.Traces.Single(t => t.Population == "ca").Values[^1].ToArray());
        Assert.Equal(1e-9, network.Projections.Single(p => p.Name == "ca").Synapses!.Values[0]![0], 1e-24);
    }

    [BackendFact]
    public void FluctuatingWeightsDriftAsAnOrnsteinUhlenbeckProcess()
    {
        // std/plasticity's Fluctuating: dw/dt = (w0 - w)/tau + sigma sqrt(2/tau) xi, from w = w0. After
        // many tau the weights across 2000 synapses have mean w0 and spread sigma; a weight keeps
        // exp(-lag/tau) of its deviation over a lag (representational drift without activity).
        var result = Run("""
            import "std/plasticity"
            model drift { dt = 1 ms; duration = 60 s; seed = 3 }
            neuron N { state g = 0 nS }
            population P = N[2000]
            projection p = P -> P : Fluctuating { connect one_to_one; target = g; wmax = 1 nS; w0 = 0.5 nS; sigma = 0.1 nS; tau = 5 s }
            record p.w every 5 s
            """);
        var samples = result.Traces.Single(t => t.Variable == "w").Values;
        var late = samples[^1].ToArray();
        double mean = late.Average();
        double sd = Math.Sqrt(late.Sum(w => (w - mean) * (w - mean)) / late.Length);
        Assert.InRange(mean / 1e-9, 0.49, 0.51);
        Assert.InRange(sd / 1e-9, 0.09, 0.11);
        var earlier = samples[^2].ToArray();                      // 5 s (one tau) before
        double covariance = late.Zip(earlier, (a, b) => (a - 0.5e-9) * (b - 0.5e-9)).Average();
        double correlation = covariance / (sd * sd);
        Assert.InRange(correlation, Math.Exp(-1) - 0.06, Math.Exp(-1) + 0.06);
        Assert.Equal(0.5e-9, samples[0][0], 1e-24);               // all start at w0
    }
}
