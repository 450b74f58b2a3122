using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests.Semantics;

/// <summary>
/// The step semantics of docs/semantics.md: delays, refractoriness, protocol, stimuli, reproducibility;
/// on every backend (Suites.cs).
/// </summary>
public abstract class SemanticsSuite(SuiteBackend backend) : BackendSuite(backend)
{
    private static long[] SpikeSteps(SimulationResult result, int neuron = 0, int recording = 0)
    {
        var train = result.Spikes[recording];
        return train.Steps.Where((_, k) => train.Indices[k] == neuron).ToArray();
    }

    [BackendFact]
    public void ASpikeArrivesExactlyItsDelayInStepsLater()
    {
        // The generator fires at step 10; delays of 10, 20 and 30 steps land at steps 20, 30, 40, after
        // that step's trace sample, so the jump shows in the samples of steps 21, 31 and 41.
        var result = Run("""
            model d { dt = 0.1 ms; duration = 6 ms }
            neuron Acc { state x = 0 mV }
            synapse Jump { param w = 1 mV; on_pre { x += w } }
            population G = SpikeGenerator[1] { times = [1 ms] }
            population A = Acc[3]
            projection p = G -> A : Jump { connect all_to_all; delay = (1 + j) * 1 ms }
            record A.x
            """);
        var samples = result.Traces[0].Values;
        for (int neuron = 0; neuron < 3; neuron++)
        {
            int first = Enumerable.Range(0, samples.Length).First(k => samples[k][neuron] != 0);
            Assert.Equal(21 + 10 * neuron, first);
            Assert.Equal(1e-3, samples[^1][neuron], 15);
        }
        Assert.Equal(3, result.SynapticEvents);
    }

    [BackendFact]
    public void ARefractoryNeuronSpikesExactlyEveryRSteps()
    {
        // A neuron whose threshold always holds spikes as soon as it is not refractory: every R steps.
        var result = Run("""
            model r { dt = 0.1 ms; duration = 50 ms }
            neuron N {
              state v = 0 mV
              threshold v >= 0 mV
              refractory 5 ms
            }
            neuron M {
              state v = 0 mV
              threshold v >= 0 mV
            }
            population P = N[1]
            population Q = M[1]
            record spikes P, Q
            """);
        var steps = SpikeSteps(result);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (long)(50 * k)), steps);
        Assert.Equal(500, SpikeSteps(result, recording: 1).Length);
    }

    [BackendFact]
    public void ClampedStatesHoldWhileRefractoryAndOthersKeepIntegrating()
    {
        var result = Run("""
            model c { dt = 0.1 ms; duration = 10 ms; precision = float64 }
            neuron N {
              state v = 0 mV
              state w = 1 mV
              dv/dt = 10 V/s
              dw/dt = -w / (1 ms)
              threshold v > 1 mV
              reset { v = -1 mV }
              refractory 2 ms
            }
            population P = N[1]
            record P.v, P.w
            """);
        var v = result.Traces[0].Values.Select(s => s[0]).ToArray();
        var w = result.Traces[1].Values.Select(s => s[0]).ToArray();
        long spike = SpikeStepsOf(result);
        // After the reset at the spike step, v holds at -1 mV for the refractory steps, then rises again.
        for (long k = spike + 1; k <= spike + 20; k++)
        {
            Assert.Equal(-1e-3, v[k], 15);
        }
        Assert.True(v[spike + 21] > -1e-3);
        // w was never clamped: it decays smoothly through the refractory period.
        Assert.True(w[spike + 10] < w[spike + 1]);
    }

    /// <summary>The first spike's step: the reset value first shows in the next step's sample.</summary>
    private static long SpikeStepsOf(SimulationResult result) =>
        result.Traces[0].Values.Select((s, k) => (Value: s[0], Step: k)).First(p => p.Value < 0).Step - 1;

    [BackendFact(Heavy = true)]
    public void PoissonInputCountsHaveBinomialMeanAndVariance()
    {
        foreach (var (n, rate) in new[] { (100, "50 Hz"), (20000, "50 Hz") })
        {
            // k per step ~ Binomial(n, rate dt); over 2000 steps the count has mean n p 2000 and variance n p q 2000.
            var result = Run($$"""
                model p { dt = 0.1 ms; duration = 200 ms; seed = 11; precision = float64 }
                neuron Counter { state x = 0 }
                population C = Counter[400]
                stimulus drive = poisson_input(n = {{n}}, rate = {{rate}}, weight = 1) -> C.x
                record C.x every 200 ms
                """, "duration=200.1 ms");
            var counts = result.Traces[0].Values[^1];
            double p = 50 * 1e-4;
            double mean = n * p * 2000;
            double variance = n * p * (1 - p) * 2000;
            double observedMean = counts.Average();
            double observedVariance = counts.Select(c => (c - observedMean) * (c - observedMean)).Sum() / (counts.Length - 1);
            Assert.InRange(observedMean, mean - 5 * Math.Sqrt(variance / 400), mean + 5 * Math.Sqrt(variance / 400));
            Assert.InRange(observedVariance, variance * 0.75, variance * 1.3);
            Assert.All(counts, c => Assert.Equal(Math.Round(c), c));
        }
    }

    [BackendFact(Heavy = true)]
    public void PoissonNeuronsFireAtTheirRateWithUnitCvAndFano()
    {
        var result = Run("""
            import "std/neurons"
            model p { dt = 0.1 ms; duration = 2 s; seed = 4 }
            population P = Poisson[500] { rate = 20 Hz }
            record spikes P
            """);
        var summary = result.Populations[0];
        // 500 neurons x 2 s x 20 Hz = 20000 spikes, standard deviation 141.
        Assert.InRange(summary.Spikes, 20000 - 5 * 141, 20000 + 5 * 141);
        Assert.InRange(summary.MeanCv, 0.95, 1.05);
        var counts = Enumerable.Range(0, 500).Select(i => (double)result.Spikes[0].Indices.Count(x => x == i)).ToArray();
        double mean = counts.Average();
        double fano = counts.Select(c => (c - mean) * (c - mean)).Sum() / (counts.Length - 1) / mean;
        Assert.InRange(fano, 0.85, 1.15);
    }

    private const string Network = """
        import "std/neurons"
        import "std/synapses"
        model n { dt = 0.1 ms; duration = 200 ms; seed = 21 }
        population E = LIF[200] { v = uniform(-70 mV, -55 mV); I = 420 pA }
        population I = LIF[50] { v = uniform(-70 mV, -55 mV); I = 420 pA }
        projection ee = E -> E : CurrentExc { connect fixed_probability(0.1); w = 40 pA; delay = uniform(1 ms, 2 ms) }
        projection ie = I -> E : CurrentInh { connect fixed_indegree(10); w = -20 pA }
        projection ei = E -> I : CurrentExc { connect fixed_probability(0.1); w = 40 pA }
        stimulus noise = poisson_input(n = 100, rate = 10 Hz, weight = 5 pA) -> E.Ie, I.Ie
        record spikes E, I
        """;

    [BackendFact(Heavy = true)]
    public void TheSameModelAndSeedGiveTheSameSpikesAndAnotherSeedOthers()
    {
        var a = Run(Network);
        var b = Run(Network);
        var c = Run(Network, "seed=22");
        Assert.True(a.Populations[0].Spikes > 100);
        Assert.Equal(a.Spikes[0].Steps.AsEnumerable(), b.Spikes[0].Steps.AsEnumerable());
        Assert.Equal(a.Spikes[0].Indices.AsEnumerable(), b.Spikes[0].Indices.AsEnumerable());
        Assert.Equal(a.Spikes[1].Indices.AsEnumerable(), b.Spikes[1].Indices.AsEnumerable());
        Assert.NotEqual(a.Spikes[0].Indices.AsEnumerable(), c.Spikes[0].Indices.AsEnumerable());
    }

    [BackendFact(Heavy = true)]
    public void Float32AndFloat64RunsAgreeStatistically()
    {
        var single = Run(Network, "precision=float32");
        var dbl = Run(Network, "precision=float64");
        Assert.InRange(single.Populations[0].MeanRate, dbl.Populations[0].MeanRate * 0.8, dbl.Populations[0].MeanRate * 1.2);
    }

    [BackendFact]
    public void SilencingStopsSpikesForExactlyItsWindow()
    {
        var result = Run("""
            import "std/neurons"
            model s { dt = 0.1 ms; duration = 300 ms; seed = 2 }
            population P = Poisson[100] { rate = 200 Hz }
            record spikes P
            protocol {
              at 100 ms silence P[0:50] for 100 ms
            }
            """);
        var train = result.Spikes[0];
        var silenced = train.Steps.Where((step, k) => train.Indices[k] < 50 && step >= 1000 && step < 2000);
        Assert.Empty(silenced);
        Assert.Contains(train.Steps.Where((_, k) => train.Indices[k] < 50), s => s >= 2000);
        Assert.Contains(train.Steps.Where((_, k) => train.Indices[k] < 50), s => s < 1000);
        Assert.Contains(train.Steps.Where((_, k) => train.Indices[k] >= 50), s => s >= 1000 && s < 2000);
    }

    [BackendFact]
    public void SetChangesAValueForItsWindowAndKicksChangeStatesAtOnce()
    {
        var result = Run("""
            model k { dt = 0.1 ms; duration = 40 ms; precision = float64 }
            param target = 0 mV
            neuron N {
              param E = 0 mV
              state v = 0 mV
              dv/dt = (E + target - v) / (1 ms)
            }
            population P = N[2]
            record P.v
            protocol {
              segment rest 10 ms
              segment push 10 ms { set P[0].E = 10 mV }
              segment after 10 ms
              segment global 10 ms { set target = -5 mV }
            }
            """);
        var v0 = result.Traces[0].Values.Select(s => s[0]).ToArray();
        var v1 = result.Traces[0].Values.Select(s => s[1]).ToArray();
        Assert.Equal(0, v0[100]);
        Assert.Equal(10e-3, v0[199], 1e-6);  // driven to 10 mV during the push segment
        Assert.Equal(0, v1[199], 15);        // the other neuron was not set
        Assert.True(v0[299] < 1e-6);          // back to 0 mV after it
        Assert.Equal(-5e-3, v1[399], 1e-6);     // the model param applies to every neuron
        var kicked = Run("""
            model k { dt = 0.1 ms; duration = 3 ms }
            neuron N { state v = 0 mV }
            population P = N[3]
            record P.v
            protocol { at 1 ms P[1:3].v += 4 mV }
            """);
        // The protocol applies at the start of step 10, before that step's sample.
        Assert.Equal(0, kicked.Traces[0].Values[9][1]);
        Assert.Equal(4e-3, kicked.Traces[0].Values[10][1], 15);
        Assert.Equal(0, kicked.Traces[0].Values[20][0]);
    }

    [BackendFact]
    public void AStepCurrentDrivesSpikesOnlyWhileItIsOn()
    {
        var result = Run("""
            import "std/neurons"
            model s { dt = 0.1 ms; duration = 300 ms }
            population P = LIF[1]
            stimulus pulse = step(start = 100 ms, stop = 200 ms, amplitude = 1 nA) -> P.I
            record spikes P
            """);
        var steps = SpikeSteps(result);
        Assert.True(steps.Length > 5);
        Assert.All(steps, s => Assert.InRange(s, 1000, 2000));
    }

    [BackendFact]
    public void SynapseStatesIntegrateTheirEquationsBetweenEvents()
    {
        // Spikes at steps 100 and 110 arrive one step later, after that step's integration. The first
        // adds w*u with u decayed from 1 over 102 steps, and sets u = 2; u then decays for ten steps
        // before the second adds w*u.
        var result = Run("""
            model s { dt = 0.1 ms; duration = 20 ms; precision = float64 }
            neuron Acc { state v = 0 mV }
            synapse Facilitating {
              param w = 1 mV
              state u = 1
              du/dt = -u / (5 ms)
              on_pre { v += w * u; u = 2 }
            }
            population G = SpikeGenerator[1] { times = [10 ms, 11 ms] }
            population A = Acc[1]
            projection p = G -> A : Facilitating { connect all_to_all }
            record A.v
            """);
        var v = result.Traces[0].Values.Select(s => s[0]).ToArray();
        Assert.Equal(0, v[101]);
        Assert.Equal(1e-3 * Math.Exp(-2.04), v[102], 15);
        Assert.Equal(1e-3 * Math.Exp(-2.04) + 2e-3 * Math.Exp(-0.2), v[112], 14);
    }

    [BackendFact]
    public void AModelLevelSignalDecaysIsKickedByTheProtocolAndDrivesNeurons()
    {
        var result = Run("""
            model da { dt = 0.1 ms; duration = 60 ms; precision = float64 }
            signals {
              state dopamine = 0
              ddopamine/dt = -dopamine / (20 ms)
            }
            neuron N {
              state v = 0 mV
              dv/dt = (dopamine * 10 mV - v) / (5 ms)
            }
            population P = N[1]
            protocol { at 10 ms dopamine += 1 }
            record dopamine
            record P.v
            """);
        var dopamine = result.Traces.Single(t => t.Variable == "dopamine").Values.Select(v => v[0]).ToArray();
        var v = result.Traces.Single(t => t.Variable == "v").Values.Select(x => x[0]).ToArray();
        Assert.Equal(0, dopamine[99]);
        Assert.Equal(1, dopamine[100]);
        Assert.Equal(Math.Exp(-0.5), dopamine[200], 12);   // 100 steps of 0.1 ms at tau = 20 ms
        Assert.Equal(0, v[100]);
        Assert.True(v[200] > 1e-3, "the neuron followed the signal");
    }

    [BackendFact]
    public void InputToAClampedStateIsDroppedWhileTheNeuronIsRefractory()
    {
        // As Brian2 (and NEST): the neuron spikes at step 0 and is refractory for 5 ms; the inputs
        // arriving at 1, 2 and 3 ms are lost, the one at 7 ms counts. Poisson input to v is lost too,
        // while input to an unclamped state (g) always counts.
        var result = Run("""
            model r { dt = 0.1 ms; duration = 9 ms; precision = float64 }
            neuron N {
              state v = 200 mV
              state g = 0 nS
              dv/dt = -v / (10 ms)
              threshold v > 100 mV
              reset { v = 0 mV }
              refractory 5 ms
            }
            synapse Both { on_pre { v += 1 mV; g += 1 nS } }
            population G = SpikeGenerator[1] { times = [0.9 ms, 1.9 ms, 2.9 ms, 6.9 ms] }
            population P = N[1]
            projection p = G -> P : Both { connect all_to_all }
            stimulus drive = poisson_input(n = 1000, rate = 1000 Hz, weight = 1 mV) -> P.v
            protocol { at 4.95 ms set drive.rate = 0 Hz }
            record P.v, P.g
            """);
        var v = result.Traces[0].Values.Select(x => x[0]).ToArray();
        var g = result.Traces[1].Values.Select(x => x[0]).ToArray();
        Assert.All(v.Take(50).Skip(1), x => Assert.Equal(0, x));   // refractory: nothing reaches v
        Assert.Equal(3e-9, g[40], 1e-20);                             // g got all three
        Assert.Equal(1e-3, v[71], 15);                               // the input at 7 ms counts
        Assert.Equal(4e-9, g[71], 1e-20);
    }
}
