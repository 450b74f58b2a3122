using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Time;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// The one time-to-steps conversion, and the times only known when a pass computes them (per synapse, per
/// neuron, per population) checked with it, at the place the user wrote them.
/// </summary>
public class TimeStepPassTests
{
    [Theory]
    [InlineData(0.25e-3, 1e-3, 0)]
    [InlineData(0.5e-3, 1e-3, 1)]    // halves away from zero
    [InlineData(2.5e-3, 1e-3, 3)]
    [InlineData(1.0, 1e-4, 10_000)]
    [InlineData(-0.5e-3, 1e-3, -1)]
    public void RoundingIsToNearestWithHalvesAwayFromZero(double time, double dt, long steps) =>
        Assert.Equal(steps, TimeSteps.Of(time, dt));

    [Theory]
    [InlineData(double.NaN, ErrorCode.NotFinite, "a delay must be a finite time, but it is not a number (NaN)")]
    [InlineData(double.PositiveInfinity, ErrorCode.NotFinite, "a delay must be a finite time, but it is infinite")]
    [InlineData(-1e-3, ErrorCode.DelayShorterThanStep, "a delay cannot be negative (it is -1 ms)")]
    [InlineData(0.04e-3, ErrorCode.DelayShorterThanStep, "a delay of 0.04 ms is shorter than one time step (dt = 0.1 ms); delays are at least one step")]
    [InlineData(1e30, ErrorCode.TooManySteps, "a delay of 1E+30 s is 1E+34 time steps of 0.1 ms; the most it may be is 1,000,000 steps (docs/limits.md)")]
    public void EveryProblemHasItsCodeAndWords(double time, ErrorCode code, string message)
    {
        var problem = TimeSteps.Problem(time, 1e-4, TimeUse.Delay);
        Assert.Equal((code, message), problem);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1e30)]
    public void ATimeThatWasNotCheckedIsNeverCountedSilently(double time) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSteps.Of(time, 1e-4));

    [Fact]
    public void TheLimitsAreInclusive()
    {
        Assert.Null(TimeSteps.Problem(Limits.MaxDelaySteps * 1e-4, 1e-4, TimeUse.Delay));
        Assert.NotNull(TimeSteps.Problem((Limits.MaxDelaySteps + 1) * 1e-4, 1e-4, TimeUse.Delay));
        Assert.Null(TimeSteps.Problem(0, 1e-4, TimeUse.Moment("a time")));
        Assert.NotNull(TimeSteps.Problem(0, 1e-4, TimeUse.Stretch("a stretch")));
    }

    [Fact]
    public void APerSynapseDelayBeyondTheLimitIsAnErrorAtTheDelay()
    {
        const string source = """
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population P = N[20]
            projection p = P -> P : S { connect all_to_all; delay = 1 ms + i * 100 s }
            """;
        var error = Assert.Single(Models.Errors(source));
        Assert.Equal(ErrorCode.TooManySteps, error.Code);
        Assert.Equal("1 ms + i * 100 s", error.Location!.Text.ToString(error.Location.Span));
        Assert.StartsWith("projection 'p', synapse 1 -> 0: a delay of 100.001 s is 1,000,010 time steps of 0.1 ms", error.Message);
    }

    [Fact]
    public void APerSynapseDelayThatIsNotANumberIsAnErrorAtTheDelay()
    {
        var error = Assert.Single(Models.Errors("""
            neuron N { state v = 0 mV }
            synapse S { param w = 1 mV; on_pre { v += w } }
            population P = N[4]
            projection p = P -> P : S { connect all_to_all; delay = 1 ms * (1 + log(3 - i)) }
            """));
        Assert.Equal(ErrorCode.NotFinite, error.Code);
        Assert.Equal("projection 'p', synapse 3 -> 0: a delay must be a finite time, but it is negative infinity", error.Message);
    }

    [Fact]
    public void PerNeuronRefractoryPeriodsAreCheckedNeuronByNeuron()
    {
        var error = Assert.Single(Models.Errors("""
            neuron N {
              param t_ref = 2 ms
              state v = 0 mV
              threshold v > 1 mV
              reset { v = 0 mV }
              refractory t_ref
            }
            population P = N[5] { t_ref = 1 ms * (3 - i) }
            """));
        Assert.Equal(ErrorCode.InvalidValue, error.Code);
        Assert.Equal("population 'P': neuron 4's refractory period cannot be negative (it is -1 ms)", error.Message);
        Assert.Equal("P", error.Location!.Text.ToString(error.Location.Span));
    }

    [Fact]
    public void APopulationsRefractoryPeriodBeyondTheLimitIsAnError()
    {
        var error = Assert.Single(Models.Errors("""
            neuron N {
              param t_ref = 2 ms
              state v = 0 mV
              threshold v > 1 mV
              reset { v = 0 mV }
              refractory t_ref
            }
            population P = N[5] { t_ref = 1e10 s }
            """));
        Assert.Equal(ErrorCode.TooManySteps, error.Code);
        Assert.StartsWith("population 'P': the refractory period of 1E+10 s is 1E+14 time steps", error.Message);
    }

    [Fact]
    public void AnErrorInALibraryTypeCausedByAPopulationPointsAtThePopulation()
    {
        var error = Assert.Single(Models.Errors("""
            import "std/neurons"
            population P = LIF[10] { tau_m = 0 ms }
            """));
        Assert.Equal(ErrorCode.InvalidValue, error.Code);
        Assert.Equal("test.neuro", error.Location!.Text.FileName);
        Assert.Equal("P", error.Location.Text.ToString(error.Location.Span));
        var note = Assert.Single(error.Notes);
        Assert.Equal("std/neurons.neuro", note.Location.Text.FileName);
        Assert.Equal("in neuron type 'LIF', as population 'P' uses it", note.Message);
    }
}
