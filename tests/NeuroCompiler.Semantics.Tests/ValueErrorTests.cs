using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.NameErrorTests;
using static NeuroCompiler.Semantics.Tests.UnitErrorTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Wrong values, cycles, argument counts and names used where they are not available.</summary>
public class ValueErrorTests
{
    private static readonly string Net = LifPlusSynapse("on_pre { ge += w }");

    [Fact]
    public void PopulationSizes() => Expect(Lif + """
        param n = 3
        population Q1 = A[«-5»]
        population Q2 = A[«2.5»]
        population Q3 = A[«n - 4»]
        population Q4 = A[«1e10»]
        population Q5 = A[n * 2]
        population Q6 = A[0]
        """,
        "NC0301 a population's size cannot be negative (it is -5)",
        "NC0307 a population's size must be a whole number below 2^31 (it is 2.5)",
        "NC0301 a population's size cannot be negative (it is -1)",
        "NC0307 (it is 1E+10)");

    [Fact]
    public void ProbabilitiesOutsideZeroToOne() => Expect(Net + """
        projection a = P -> P : S { connect fixed_probability(«1.5») }
        projection b = P -> P : S { connect fixed_probability(p = «-0.1») }
        projection c = P -> P : S { connect fixed_probability(1) }
        projection d = P -> P : S { connect fixed_probability(0) }
        """,
        "NC0302 a probability must be between 0 and 1, but this is 1.5",
        "NC0302 a probability must be between 0 and 1, but this is -0.1");

    [Fact]
    public void DegreesLargerThanTheSourceWithoutMultapses() => Expect(Net + """
        population Q = A[4]
        projection a = P -> P : S { connect fixed_indegree(«11») }
        projection b = P -> P : S { connect fixed_indegree(10) }
        projection c = P -> P : S { connect fixed_indegree(«10»); autapses = false }
        projection d = P -> P : S { connect fixed_indegree(9); autapses = false }
        projection e = P -> P : S { connect fixed_indegree(50); multapses = true }
        projection f = Q -> P : S { connect fixed_indegree(«5») }
        projection g = P -> Q : S { connect fixed_outdegree(«5») }
        projection h = P[0:3] -> Q[:2] : S { connect fixed_total(«7») }
        projection i = P[0:5] -> P[5:] : S { connect fixed_indegree(5); autapses = false }
        projection j = Q -> Q : S { connect fixed_indegree(«-1») }
        """,
        "NC0309 fixed_indegree(11) is impossible without multapses: there are only 10 possible presynaptic neurons (set multapses = true to allow repeats)",
        "NC0309 there are only 9 possible presynaptic neurons",
        "NC0309 there are only 4 possible presynaptic neurons",
        "NC0309 fixed_outdegree(5) is impossible without multapses: there are only 4 possible postsynaptic neurons",
        "NC0309 there are only 6 possible pairs",
        "NC0301 the degree cannot be negative");

    [Fact]
    public void DelaysShorterThanOneStep() => Expect(Net + """
        model m { dt = 0.1 ms }
        projection a = P -> P : S { connect all_to_all; delay = «0.01 ms» }
        projection b = P -> P : S { connect all_to_all; delay = uniform(«0.02 ms», 1 ms) }
        projection c = P -> P : S { connect all_to_all; delay = «0.26 ms» }
        projection d = P -> P : S { connect all_to_all; delay = 0.1 ms }
        projection e = P -> P : S { connect all_to_all; delay = «0.06 ms» }
        projection f = P -> P : S { connect all_to_all; delay = uniform(1 ms, 2 ms) }
        projection g = P -> P : S { connect all_to_all; delay = 2 * 0.1 ms }
        """,
        "NC0303 a delay of 0.01 ms is shorter than one time step (dt = 0.1 ms); delays are at least one step",
        "NC0303 a delay of 0.02 ms is shorter than one time step",
        "NC0310 a delay of 0.26 ms is not a multiple of dt = 0.1 ms; it is rounded to 3 steps",
        "NC0310 a delay of 0.06 ms is not a multiple of dt = 0.1 ms; it is rounded to 1 step");

    [Fact]
    public void HalfAStepRoundsUpAsTheLoweringRoundsIt()
    {
        // dt = 1 ms: 0.5 ms is exactly half a step, which the lowering rounds to one step (halves away from zero).
        var result = Expect(Net + """
            model m { dt = 1 ms }
            projection a = P -> P : S { connect all_to_all; delay = «0.5 ms» }
            projection b = P -> P : S { connect all_to_all; delay = «2.5 ms» }
            record rate P every 0.5 ms
            """,
            "NC0310 a delay of 0.5 ms is not a multiple of dt = 1 ms; it is rounded to 1 step",
            "NC0310 a delay of 2.5 ms is not a multiple of dt = 1 ms; it is rounded to 3 steps");
        Assert.True(result.Success);
    }

    [Fact]
    public void DelayOfOneAndAHalfStepsIsAWarningWithTheSingular()
    {
        var result = Expect(Net + "projection a = P -> P : S { connect all_to_all; delay = «0.14 ms» }",
            "NC0310 a delay of 0.14 ms is not a multiple of dt = 0.1 ms; it is rounded to 1 step");
        Assert.True(result.Success); // a warning only
        Assert.False(result.Diagnostics.Single().IsError);
    }

    [Fact]
    public void ConnectivityArguments() => Expect(Net + """
        projection a = P -> P : S { connect «fixed_probability()» }
        projection b = P -> P : S { connect fixed_probability(0.1, «0.2») }
        projection c = P -> P : S { connect «all_to_all(3)» }
        projection d = P -> P : S { connect «fixed_probability» }
        projection e = P -> P : S { connect fixed_probability(«q» = 0.1) }
        projection f = P -> P : S { connect fixed_indegree(k = 2, «3») }
        projection g = P -> P[0:5] : S { connect «one_to_one» }
        projection «h» = P -> P : S
        projection i = P -> P : S { connect all_to_all; «connect all_to_all» }
        projection j = P -> P : S { connect all_to_all; autapses = «1» }
        """,
        "NC0118 'fixed_probability' needs the argument 'p'",
        "NC0305 'fixed_probability' takes at most 1 argument (p)",
        "NC0305 'all_to_all' takes no arguments",
        "NC0305 'fixed_probability' needs an argument: fixed_probability(p)",
        "NC0117 'fixed_probability' has no argument 'q' (it takes p); did you mean 'p'?",
        "NC0002 a positional argument cannot follow a named one",
        "NC0307 one_to_one needs equal sizes, but the source has 10 neurons and the target 5",
        "NC0118 projection 'h' needs a connect rule",
        "NC0108 a projection has one connect rule; this is a second",
        "NC0307 'autapses' must be true or false");

    [Fact]
    public void BuiltinArgumentCounts() => Expect("""
        param a = «exp(1, 2)»
        param b = «min(1)»
        param c = «pow(2)»
        param d = exp(«x» = 1)
        neuron A {
          state v = «rand(1)» * 1 mV
        }
        """,
        "NC0305 'exp' takes 1 argument, but 2 were given",
        "NC0305 'min' takes 2 arguments, but 1 was given",
        "NC0305 'pow' takes 2 arguments, but 1 was given",
        "NC0117 'exp' takes its arguments by position, not by name",
        "NC0305 'rand' takes 0 arguments, but 1 was given");

    [Fact]
    public void StimulusArguments() => Expect(Lif + """
        neuron C { param I = 0 pA
          state v = 0 mV }
        population R = C[2]
        stimulus a = poisson_input(10, 5 Hz, 1 mV, «2») -> P.v
        stimulus b = «poisson_input(n = 10, weight = 1 mV)» -> P.v
        stimulus c = poisson_input(10, «20 kHz», 1 mV) -> P.v
        stimulus d = constant(1 pA) -> R.«v»
        stimulus e = poisson_input(10, 5 Hz, 1 pA) -> R.«I»
        stimulus f = «step(1 s, 0 s, 1 pA)» -> R.I
        stimulus g = «table([1 pA, 2 pA])» -> R.I
        stimulus h = «table([1 pA, 2 pA], dt = 1 ms, times = [0 s, 1 s])» -> R.I
        stimulus i = «table([1 pA, 2 pA], times = [1 s, 0 s])» -> R.I
        stimulus j = constant(1 pA) -> R.I { «extra» = 1 }
        stimulus k = constant(1 pA) -> «R»
        """,
        "NC0305 'poisson_input' takes at most 3 arguments (n, rate, weight)",
        "NC0118 'poisson_input' needs the argument 'rate'",
        "NC0307 a Poisson rate must be between 0 and 1/dt = 10000 Hz (it is 20000 Hz)",
        "NC0116 'v' is a state: a current is added to a parameter (e.g. I)",
        "NC0116 'I' is a parameter: Poisson input is added to a state variable",
        "NC0307 a step needs 0 <= start <= stop",
        "NC0118 a table needs either dt (equal steps) or times (one per value)",
        "NC0118 a table needs either dt",
        "NC0307 a table's times must increase",
        "NC0107 a stimulus takes its settings as arguments",
        "NC0307 expected a population's variable, e.g. R.v");

    [Fact]
    public void SpikeGenerators() => Expect("""
        population «G1» = SpikeGenerator[2] { indices = [0] }
        population G2 = SpikeGenerator[2] { times = [1 ms, 2 ms]; «rates» = 1 }
        population «G3» = SpikeGenerator[2] { times = [1 ms, 2 ms]; indices = [0, 2] }
        population «G4» = SpikeGenerator[2] { times = [1 ms, 2 ms]; indices = [0] }
        population G5 = SpikeGenerator[2] { times = [1 ms, «-2 ms»] }
        population G6 = SpikeGenerator[2] { times = [1 ms]; period = «0 s» }
        population G7 = SpikeGenerator[2] { times = «2 * i» }
        population G8 = SpikeGenerator[2] { times = 1 ms + i * 2 ms }
        """,
        "NC0118 a spike generator needs 'times = [...]'",
        "NC0107 a spike generator takes times, indices and period, not 'rates'",
        "NC0308 spike index 2 is outside the population (size 2)",
        "NC0307 a spike generator needs one index per time: 1 indices, 2 times",
        "NC0307 a spike time cannot be negative (it is -2 ms)",
        "NC0307 the period of 0 ms is shorter than one time step (dt = 0.1 ms)",
        "NC0201 spike times");

    [Fact]
    public void ValuesThatMustBeKnownWhenTheModelIsCompiledAreConstants() => Expect("""
        signals { state level = 0 }
        model m { duration = «level * 1 s» }
        param p = «level»
        population G = SpikeGenerator[2] { times = [«level * 1 ms»] }
        """,
        "NC0306 the duration must be a constant (numbers and model params only)",
        "NC0306 param 'p' must be a constant (numbers and other params)",
        "NC0306 a spike time must be constants");

    [Fact]
    public void ModelSettingValues() => Expect("""
        model m {
          dt = «0 ms»
          duration = «-1 s»
          seed = «1.5»
          precision = «float16»
        }
        """,
        "NC0307 the time step dt must be positive",
        "NC0307 the duration cannot be negative",
        "NC0307 the seed must be a whole number from 0 to 2^53 - 1",
        "NC0307 precision must be float32 or float64");

    /// <summary>2^53 + 1 reads as the double 2^53: a seed there would silently be another seed.</summary>
    [Fact]
    public void ASeedADoubleCannotHoldExactlyIsAnError() => Expect("""
        model m { seed = «9007199254740993» }
        """,
        "NC0307 the seed must be a whole number from 0 to 2^53 - 1");

    [Fact]
    public void ParameterCycles() => Expect("""
        param «a» = b + 1
        param b = 2 * a
        param «self» = self
        neuron A {
          param «x» = y
          param y = z * 2
          param z = x
          state «v» = u
          state u = v
          let «l» = l * 2
          state w = 0 mV
          dw/dt = -w / (1 ms)
        }
        population P = A[1]
        """,
        "NC0304 'a' is defined in terms of itself: 'a' -> 'b' -> 'a'",
        "NC0304 'self' is defined in terms of itself: 'self' -> 'self'",
        "NC0304 'x' is defined in terms of itself: 'x' -> 'y' -> 'z' -> 'x'",
        "NC0304 'v' is defined in terms of itself: 'v' -> 'u' -> 'v'",
        "NC0304 'l' is defined in terms of itself: 'l' -> 'l'");

    [Fact]
    public void ACycleMakesTheModelFail()
    {
        // Before the fix a self-reference bound silently: no diagnostic and a model with the param missing.
        var result = Text("param a = a");
        Assert.False(result.Success);
        Assert.Equal("NC0304", result.Diagnostics.Single().CodeText);
    }

    [Fact]
    public void VariantCycles() => Expect("""
        neuron «B» = C { }
        neuron C = B
        synapse S = T
        synapse T = S
        neuron A { state v = 0 mV }
        population P = A[1]
        projection p = P -> P : «S» { connect all_to_all }
        """,
        "NC0304 type 'B' is a variant of itself: B -> C -> B",
        "NC0304 synapse type 'S' is a variant of itself");

    [Fact]
    public void WhiteNoiseOutsideAnEquation() => Expect("""
        param g = 2 * «xi»
        neuron A {
          param s = «xi»
          state v = 0 mV
          let noisy = «xi_2» * 1 mV
          dv/dt = -v / (10 ms) + 1 mV * xi / sqrt(ms) + 1 mV * xi_2 / sqrt(ms)
          threshold v > 1 mV + «xi» * sqrt(ms) * mV
          reset { v = «xi» * sqrt(ms) * mV }
        }
        """,
        "NC0114 'xi' cannot be used in the value of param 'g': white noise can only appear on the right of a differential equation",
        "NC0114 'xi' cannot be used in the value of parameter 's'",
        "NC0114 'xi_2' cannot be used in the definition of 'noisy'",
        "NC0114 'xi' cannot be used in the threshold",
        "NC0114 'xi' cannot be used in the reset");

    [Fact]
    public void NoiseHasUnitsPerRootSecond() => Expect("""
        neuron A {
          state v = 0 mV
          dv/dt = «xi * 1 mV / (1 ms)»
        }
        """, "NC0203 dv/dt must have unit V/s ('v' is in V, per second), but the right-hand side has unit V/s^1.5");

    [Fact]
    public void RandomFunctionsWhereNotAllowed() => Expect(Net + """
        model m { dt = «rand»() * 0.1 ms }
        param r = «rand»()
        population Q = A[«uniform»(1, 2)]
        projection a = P -> P : S { connect fixed_probability(«rand»()) }
        projection b = P -> P : S { connect fixed_indegree(«randn»() * 2) }
        stimulus s = poisson_input(10, «normal»(5 Hz, 1 Hz), 1 mV) -> P.v
        protocol { at «rand»() * 1 s P.v += 1 mV }
        record rate P every «rand»() * 1 ms
        """,
        "NC0114 random function 'rand' cannot be used in a model setting",
        "NC0114 random function 'rand' cannot be used in the value of param 'r'",
        "NC0114 random function 'uniform' cannot be used in a population's size",
        "NC0114 random function 'rand' cannot be used in a connection probability",
        "NC0114 random function 'randn' cannot be used in the degree",
        "NC0114 random function 'normal' cannot be used in stimulus 's'",
        "NC0114 random function 'rand' cannot be used in the protocol",
        "NC0114 random function 'rand' cannot be used in a recording");

    [Fact]
    public void RandomValuesWhereAllowed()
    {
        var model = Clean(Net + """
            neuron B {
              param tau = uniform(5 ms, 15 ms)
              state v = normal(-65 mV, 2 mV)
              dv/dt = -v / tau + 0.1 mV / ms * rand()
              threshold rand() < 0.1
              refractory uniform(1 ms, 2 ms)
            }
            population Q = B[5] { v = -60 mV + 2 mV * randn() }
            projection p = P -> P : S { connect probability(0.1 / (1 + abs(i - j))); w = uniform(0 nS, 1 nS); delay = uniform(1 ms, 2 ms) }
            """);
        Assert.Equal(2, model.Populations.Length);
    }

    [Fact]
    public void TimeAndIndicesWhereNotAvailable() => Expect(Net + """
        param p1 = «t»
        param p2 = «N» * 2
        param p3 = «i»
        neuron B {
          param a = 1 ms * «t» / (1 s)
          state v = 1 mV * i / N
          let tt = t
          dv/dt = -v / (10 ms) + 1 mV / (1 s) * tt / (1 s)
          threshold v > 1 mV * «j»
        }
        population Q = B[2] { v = 1 mV * «distance» / (1 m) }
        projection p = P -> P : S { connect all_to_all; w = 1 nS * «N» }
        """,
        "NC0114 't' cannot be used in the value of param 'p1': time is not available here",
        "NC0114 'N' cannot be used in the value of param 'p2': 'N' is a population's size",
        "NC0114 'i' cannot be used in the value of param 'p3': 'i' is a neuron index",
        "NC0114 't' cannot be used in the value of parameter 'a': time is not available here",
        "NC0114 'j' cannot be used in the threshold",
        "NC0114 'distance' cannot be used in the value of 'v' in population 'Q'",
        "NC0114 'N' cannot be used in the value of 'w'");

    [Fact]
    public void SlicesOutOfRange() => Expect(Net + """
        record P[0:«20»].v
        record spikes P[«10»]
        record spikes P[«5:3»]
        record spikes P[«-1»]
        record spikes P[«2.5»:4]
        record spikes P[:«11»]
        record spikes P[«10:10»]
        record spikes P[9], P[3:4]
        record rate P[:10] every 1 ms
        record P[9:].v
        projection a = P[0:«12»] -> P : S { connect all_to_all }
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P[«10»].v
        protocol { at 1 s silence P[«100»:] }
        """,
        "NC0308 index 20 is outside the population (size 10)",
        "NC0308 index 10 is outside the population (size 10)",
        "NC0311 the slice [5:3] of 'P' is empty",
        "NC0301 an index cannot be negative (it is -1)",
        "NC0307 an index must be a whole number",
        "NC0308 index 11 is outside the population (size 10)",
        "NC0311 the slice [10:10] of 'P' is empty",
        "NC0308 index 12 is outside",
        "NC0308 index 10 is outside",
        "NC0308 index 100 is outside");

    [Fact]
    public void ProtocolValues() => Expect(Lif + """
        model m { duration = «3 s» }
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
        protocol {
          segment a 1 s { set s.rate = «3 mV» }
          segment b «2 mV»
          segment c «0 s»
          segment d 1 s
          at «-1 s» silence P
          at 1 s set P.«v» = 1 mV
          at 1 s P.«tau» += 1 ms
          at 1 s set P.tau = 2 ms for «0 ms»
          at 1 s silence P for «1 mV»
          at 1 s P.v *= «2 mV»
        }
        «protocol { }»
        """,
        "NC0307 the duration (3 s) differs from the protocol's segments, which add up to 2 s; drop one of them",
        "NC0201 the new value must have unit Hz, but this has unit V",
        "NC0201 a segment's duration must have unit s, but this has unit V",
        "NC0307 a segment's duration of 0 ms is shorter than one time step (dt = 0.1 ms)",
        "NC0307 an event's time cannot be negative (it is -1 s)",
        "NC0116 'v' is a state: 'set' changes parameters; change a state with +=, -=, *= or /=",
        "NC0116 'tau' is a parameter: only states can be changed at an instant; set a parameter with 'set'",
        "NC0307 the duration of 0 ms is shorter than one time step",
        "NC0201 the duration must have unit s, but this has unit V",
        "NC0201 the change must have unit 1 (dimensionless), but this has unit V",
        "NC0108 a model has one protocol; this is a second");

    [Fact]
    public void TasksNeedWindowsInsideTheRunTimesAndUniqueNames() => Expect(Lif + """
        model m {
          duration = 1 s
        }
        task a at 100 ms for 200 ms: P[0:5] > P[5:10]
        task «a» at 300 ms for 100 ms: P[0:5] > P[5:10]
        task b at «-1 s» for 100 ms: P > P[0:2]
        task c at 900 ms for «200 ms»: P[0:5] > P[5:10]
        task d at «3 mV» for 100 ms: P > P
        task e at 0 s for 100 ms: «Q» > P
        """,
        "NC0102 task 'a' is declared twice",
        "NC0307 a task's start cannot be negative (it is -1 s)",
        "NC0307 task 'c' is not scored: its window ends at 1.1 s, after the run (1 s)",
        "NC0201 a task's start must have unit s, but this has unit V",
        "NC0101 unknown population 'Q'");
}

/// <summary>Per-neuron spike times are computed while binding: a population too large for that is an error, not an allocation of gigabytes (the fuzzer found 2^31 - 1).</summary>
public class PerNeuronSpikeTimeLimitTests
{
    [Theory]
    [InlineData("2147483647")]
    [InlineData("1e9")]
    [InlineData("10000001")]
    public void TooManyNeuronsWithTheirOwnTimesIsAnError(string size)
    {
        var result = Bind.Text($"population G = SpikeGenerator[{size}] {{ times = 200 ms + i * 2 ms; period = 1 s }}\n");
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("NC0307", error.CodeText);
        Assert.StartsWith($"spike times per neuron are computed for at most {Core.Limits.MaxPerNeuronSpikeTimes:N0} neurons", error.Message);
    }

    [Fact]
    public void BelowTheLimitTheyAreComputed() =>
        Assert.True(Bind.Text("population G = SpikeGenerator[1000] { times = 200 ms + i * 2 ms; period = 10 s }\n").Success);
}
