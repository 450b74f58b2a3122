using NeuroCompiler.Core.Diagnostics;
using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.NameErrorTests;
using static NeuroCompiler.Semantics.Tests.UnitErrorTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// Every time that becomes a count of steps goes through one conversion (TimeSteps) and is checked where it
/// is written: not finite, negative, shorter than a step where a step is the least, or more steps than allowed.
/// </summary>
public class TimeStepTests
{
    private static readonly string Net = LifPlusSynapse("on_pre { ge += w }");

    [Fact]
    public void TheRunHasAtLeastOneStepAndAtMostTheLimit() => Expect(Lif + """
        model m { dt = 0.1 ms; duration = «1e30 s» }
        """,
        "NC0313 the run of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 1,000,000,000,000 steps");

    [Fact]
    public void ADurationShorterThanAStepIsAnErrorAtTheDuration() => Expect(Lif + """
        model m { dt = 1 ms; duration = «0.2 ms» }
        """,
        "NC0314 the run of 0.2 ms is shorter than one time step (dt = 1 ms)");

    [Fact]
    public void AStepLongerThanTheDefaultRunIsAnErrorAtDt() => Expect(Lif + """
        model m { dt = «1e30 s» }
        """,
        "NC0314 the run of 1 s is shorter than one time step (dt = 1E+30 s)");

    [Fact]
    public void ATimeStepThatIsNotFiniteOrTooSmall() => Expect(Lif + """
        model m { dt = «1e400 ms»; duration = 1 s }
        """,
        "NC0312 1e400 ms is too large");

    [Fact]
    public void TheDurationGivenOnTheCommandLineIsChecked()
    {
        var result = Text(Lif, "duration=1e30s");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCode.TooManySteps, error.Code);
        Assert.Equal("<command line>", error.Location!.Text.FileName);
        Assert.Contains("1E+34 time steps", error.Message);
    }

    [Fact]
    public void DelaysAreAtMostTheDelayLimit() => Expect(Net + """
        projection a = P -> P : S { connect all_to_all; delay = «1e30 s» }
        projection b = P -> P : S { connect all_to_all; delay = uniform(1 ms, «1000 s») }
        projection c = P -> P : S { connect all_to_all; delay = 100 ms }
        """,
        "NC0313 a delay of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 1,000,000 steps",
        "NC0313 a delay of 1000 s is 10,000,000 time steps");

    [Fact]
    public void PeriodsIntervalsAndMomentsAreChecked() => Expect("""
        neuron N {
          param I = 0 mV
          state v = 0 mV
          threshold v > 1 mV
          reset { v = 0 mV }
          refractory «1e30 s»
        }
        neuron M {
          state v = 0 mV
          threshold v > 1 mV
          refractory «-1 ms»
        }
        synapse S {
          param w = 1 mV
          on_pre { v += w }
          every «1e300 s» { w = w }
        }
        population P = N[4]
        population Q = M[4]
        projection p = P -> P : S { connect all_to_all }
        stimulus pulse = step(start = 1 ms, stop = «1e20 s», amplitude = 1 mV) -> P.I
        population G = SpikeGenerator[1] { times = [1 ms, «1e20 s»] }
        record P.v every «1e10 s»
        record rate P every «1e-9 s»
        protocol {
          segment a «1e20 s»
          at «1e20 s» P.v += 1 mV
          at 1 s silence P for «1e20 s»
          at 9e7 s «set P.I = 1 mV for 9e7 s»
        }
        task t at «1e20 s» for 1 ms: P[0:2] > P[2:4]
        """,
        "NC0313 the refractory period of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 2,147,483,647 steps",
        "NC0307 the refractory period cannot be negative (it is -1 ms)",
        "NC0313 a rule's interval of 1E+300 s",
        "NC0313 the stop of 1E+20 s is 1E+24 time steps",
        "NC0313 a spike time of 1E+20 s",
        "NC0313 a recording interval of 1E+10 s is 1E+14 time steps",
        "NC0307 a rate's bin of 1E-06 ms is shorter than one time step (dt = 0.1 ms)",
        "NC0313 a segment's duration of 1E+20 s",
        "NC0313 an event's time of 1E+20 s",
        "NC0313 the duration of 1E+20 s",
        "NC0313 the end of this action of 1.8E+08 s is 1.8E+12 time steps",
        "NC0313 a task's start of 1E+20 s");

    [Fact]
    public void ANegativeTimeIsAnErrorEvenWhereItRoundsToZeroSteps() => Expect("""
        neuron M {
          state v = 0 mV
          threshold v > 1 mV
          refractory «-1e-30 ms»
        }
        population Q = M[4]
        population G = SpikeGenerator[1] { times = [«-1e-9 ms»] }
        """,
        "NC0307 the refractory period cannot be negative (it is -1E-30 ms)",
        "NC0307 a spike time cannot be negative (it is -1E-09 ms)");

    [Fact]
    public void ATableOfValuesEndsWithinTheLimit() => Expect(Lif + """
        stimulus ramp = table(values = [0 mV, 1 mV, 2 mV], dt = «6e7 s») -> P.Vr
        stimulus steps = table(values = [0 mV, 1 mV], times = [0 s, «-1 ms»]) -> P.Vr
        """,
        "NC0313 the table's last time of 1.2E+08 s is 1.2E+12 time steps",
        "NC0307 a table's time cannot be negative (it is -1 ms)");
}
