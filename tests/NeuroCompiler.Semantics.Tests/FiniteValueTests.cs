using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.NameErrorTests;
using static NeuroCompiler.Semantics.Tests.UnitErrorTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Every value that is infinite or not a number is an error where it arises, whatever it is for.</summary>
public class FiniteValueTests
{
    [Fact]
    public void LiteralsThatOverflowAreErrorsAtTheLiteral() => Expect(Lif + """
        param a = «1e400»
        param b = «1e300 GHz»
        param c = -«1e309» * 2
        param d = 1e308
        param e = 1e-400
        """,
        "NC0312 1e400 is too large: numbers go up to about 1.8e308",
        "NC0312 1e300 GHz is too large",
        "NC0312 1e309 is too large");

    [Fact]
    public void ConstantExpressionsThatOverflowOrAreNotANumber() => Expect(Lif + """
        param zero = 0 ms
        param a = «1e300 * 1e300»
        param b = «0 / 0»
        param c = «log(-1)»
        param d = «1 / (0 ms)»
        param e = «1 / zero»
        param f = «sqrt(-4)» + 1
        param g = «exp(1000)»
        param h = «5 % 0»
        param k = 2 * «1e200 ** 2»
        """,
        "NC0312 this is infinite: it overflows the largest number, about 1.8e308",
        "NC0312 this divides by zero, so it is not a number (NaN)",
        "NC0312 log of -1 is not a number (NaN)",
        "NC0312 this divides by zero, so it is infinite",
        "NC0312 this divides by zero, so it is infinite",
        "NC0312 sqrt of -4 is not a number (NaN)",
        "NC0312 exp of 1000 is infinite",
        "NC0312 this divides by zero, so it is not a number (NaN)",
        "NC0312 this is infinite");

    [Fact]
    public void ConstantsInsideEquationsThresholdsAndValuesAreCheckedToo() => Expect("""
        neuron N {
          param tau = 10 ms
          state v = «1e999 mV»
          dv/dt = -v / tau + «exp(800)» * 1 mV / tau
          threshold v > «1 mV / 0»
        }
        population P = N[2] { tau = «1e300 s * 1e300» }
        synapse S { param w = 1 mV; on_pre { v += w } }
        projection p = P -> P : S { connect all_to_all; w = «log(0)» * 1 mV }
        """,
        "NC0312 1e999 mV is too large",
        "NC0312 exp of 800 is infinite",
        "NC0312 this divides by zero, so it is infinite",
        "NC0312 this is infinite",
        "NC0312 log of 0 is infinite");

    [Fact]
    public void ASetOverrideThatOverflowsIsAnErrorInTheCommandLine()
    {
        var result = Text(Lif + "param g = 1\n", "g=1e400");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCode.NotFinite, error.Code);
        Assert.Equal("<command line>", error.Location!.Text.FileName);
        Assert.Equal(new TextSpan(2, 5), error.Location.Span);
        Assert.Equal("1e400 is too large: numbers go up to about 1.8e308", error.Message);
        Assert.False(result.Success);
    }

    [Fact]
    public void AValueThatDependsOnTheNeuronIsNotACompileTimeConstant()
    {
        // i * 1e308 overflows only for some neurons: that is the run's business, not a constant's.
        Clean(Lif + "population Q = A[3] { tau = 1 ms + i * 1 ms }\n");
    }
}
