using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Host.Tests;

/// <summary>
/// The canonical order in which a value that is not finite is named (docs/semantics.md): the lowest
/// element over all variables, then the first variable of that element; and the reference run's checks.
/// </summary>
public class NonFiniteScanTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(63)]
    [InlineData(99)]
    public void FindsTheLowestElementWhereverItIs(int at)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var values = Enumerable.Range(0, 100).Select(i => i * 1e300).ToArray(); // large, finite
            values[at] = bad;
            Assert.Equal(at, NonFiniteScan.First(new[] { values }, 0, 100));
            Assert.Equal(-1, NonFiniteScan.First(new[] { values }, at + 1, 100));
            Assert.Equal(at < 50 ? -1 : at, NonFiniteScan.First(new[] { values }, 50, 100));
            Assert.Equal(-1, NonFiniteScan.First(new[] { values }, 0, at));
        }
    }

    [Fact]
    public void TheLowestElementComesFirstThenTheFirstVariable()
    {
        var v = new float[10];
        var ge = new float[10];
        var gi = new float[10];
        v[6] = float.NaN;
        ge[4] = float.PositiveInfinity;
        gi[4] = float.NaN;
        var states = new[] { v, null, ge, gi };
        Assert.Equal(4, NonFiniteScan.First(states, 0, 10));
        Assert.Equal(2, NonFiniteScan.Variable(states, 4));
        Assert.Equal(0, NonFiniteScan.Variable(states, 6));
        Assert.Equal(-1, NonFiniteScan.Variable(states, 5));
        Assert.Equal(6, NonFiniteScan.First(states, 5, 10));
    }

    [Fact]
    public void TheReferenceNamesTheFirstPopulationThenNeuronThenState()
    {
        // A's neuron 3 and B's neuron 1 go to +Inf in the same step; in A, u is declared before v but v
        // overflows first: the failure is A's, neuron 3, v.
        var result = Models.Run("""
            model order { dt = 0.1 ms; duration = 10 ms }
            neuron N {
              param k = 0
              state u = 1
              state v = 1
              du/dt = u / (1 ms)
              dv/dt = k * v * v / (1 ms)
              method euler
            }
            population A = N[5] { k = where(i == 3, 1, 0) }
            population B = N[5] { k = where(i >= 1, 1, 0) }
            """);
        var failure = Assert.IsType<RunFailure>(result.Failure);
        Assert.Equal("A[3].v", failure.Variable);
        Assert.Equal("+Inf", failure.Value);
        Assert.Equal(RunFailure.Update, failure.Origin);
        Assert.Equal(failure.Step, result.Steps);
    }

    [Fact]
    public void AParameterComesBeforeAStateOfTheSameNeuronInTheInitialValues()
    {
        var result = Models.Run("""
            model initial { dt = 0.1 ms; duration = 10 ms }
            neuron N {
              param tau = 10 ms
              state v = 0
              dv/dt = -v / tau
            }
            population P = N[6] { tau = log(i - 2.5) * 1 ms; v = log(i - 1.5) }
            """);
        Assert.Equal(new RunFailure(0, 0, "P[0].tau", "NaN", RunFailure.InitialValue), result.Failure);
        Assert.Equal(0, result.Steps);
        Assert.Equal("P[0].tau is NaN in its initial value, at step 0 (t = 0 ms)", result.Failure!.Message);
    }
}
