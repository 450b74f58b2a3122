using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.NameErrorTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Wrong models about units and types, each with its exact diagnostics.</summary>
public class UnitErrorTests
{
    [Fact]
    public void UnknownUnits() => Expect("""
        param a = 5 «mVV»
        param b = 5 «mVolt»
        param c = 2 «e»
        param d = 10 «Ms2»
        """, "NC0202 unknown unit 'mVV'", "NC0202 unknown unit 'mVolt'; did you mean 'mvolt'?", "NC0202 unknown unit 'e'", "NC0202 unknown unit 'Ms2'");

    [Fact]
    public void MismatchedUnitsInOperators() => Expect("""
        param a = «1 mV + 2 ms»
        param b = «1 mV - 2 nA»
        param c = «1 mV < 2 ms»
        param d = «1 mV % 2 s»
        param e = «1 mV == 1 mS»
        param f = 1 mV + 2 ms * 3 Hz * («1 mV - 1 ms»)
        """,
        "NC0201 cannot add V and s",
        "NC0201 cannot subtract A from V",
        "NC0201 cannot compare V and s",
        "NC0201 cannot take the remainder of V and s",
        "NC0201 cannot compare V and S",
        "NC0201 cannot subtract s from V");

    [Fact]
    public void AnErrorInsideAnExpressionIsReportedOnceNotForEveryEnclosingOperator()
    {
        // 1 mV - 1 ms fails; the products and the sum around it do not report again.
        var result = Text("param f = 1 mV + 2 ms * 3 Hz * (1 mV - 1 ms)");
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void FunctionArguments() => Expect("""
        param a = exp(«1 mV»)
        param b = log(«2 ms»)
        param c = sqrt(«sqrt(1 ms)»)
        param d = min(1 mV, «1 ms»)
        param e = clip(1 mV, 0 mV, «3 s»)
        param f = where(«1 mV», 1, 2)
        param g = exprel(«1 mV / 2 ms»)
        param h = abs(«true»)
        param p1 = sqrt(1 mV)
        param p2 = sqrt(4 ms * 1 ms)
        param p3 = exp(1 mV / 2 mV)
        param p4 = max(0, 5 mV)
        """,
        "NC0204 the argument of 'exp' must be dimensionless, but this has unit V",
        "NC0204 the argument of 'log' must be dimensionless, but this has unit s",
        "NC0209 the square root of s^0.5 has no unit",
        "NC0201 the arguments of 'min' must have one unit: this has s, but '1 mV' has V",
        "NC0201 the arguments of 'clip' must have one unit: this has s",
        "NC0206 the first argument of 'where' must be a condition",
        "NC0204 the argument of 'exprel' must be dimensionless, but this has unit V/s",
        "NC0207 'abs' needs a quantity, but this is a truth value");

    [Fact]
    public void Powers() => Expect("""
        param a = 2 ** «1 ms»
        param b = «(1 mV) ** 0.25»
        param c = «ms ** (1 / 3)»
        param d = (1 mV) ** 2
        param e = ms ** 0.5
        param f = 2 ** 0.3
        neuron A {
          state v = 1 mV
          state n = 2
          dv/dt = v ** «n» / (1 mV) / (1 ms)
        }
        """,
        "NC0204 an exponent must be dimensionless, but this has unit s",
        "NC0209 V to the power 0.25 has no unit (exponents must be multiples of 1/2)",
        "NC0209 s to the power 0.3333",
        "NC0205 the base has unit V, so the exponent must be a constant");

    [Fact]
    public void ConditionsAndQuantitiesInTheWrongPlace() => Expect("""
        param a = not «1 mV»
        param b = «1 mV» and 1 > 0
        param c = -«true»
        param d = «true» + 1
        param e = [1 ms, «2 mV»]
        param f = [1 ms, «true»]
        param g = «1 > 0»
        neuron A {
          state v = «1 mV > 0 mV»
          state w = 0 mV
          dw/dt = «w > 0 mV»
          threshold «w»
        }
        """,
        "NC0206 'not' needs a condition, but this is V",
        "NC0206 'and' needs conditions on both sides, but this is V",
        "NC0207 a sign needs a quantity, but this is a truth value",
        "NC0207 '+' needs quantities on both sides, but this is a truth value",
        "NC0201 list items must all have one unit: this has unit V, the first has s",
        "NC0207 list items must be quantities, not a truth value",
        "NC0207 param 'g' must be a quantity, not a truth value",
        "NC0207 the initial value of 'v' must be a quantity, not a truth value",
        "NC0207 the right-hand side of dw/dt must be a quantity, not a truth value",
        "NC0206 the threshold must be a condition (true or false), but this is V");

    [Fact]
    public void OdeUnitMismatch() => Expect("""
        neuron A {
          param tau = 10 ms
          param I = 1 nA
          state v = 0 mV
          state w = 0 mV
          state x = 1
          dv/dt = «v»
          dw/dt = «I / tau»
          dx/dt = «x * 1 mV / tau»
        }
        """,
        "NC0203 dv/dt must have unit V/s ('v' is in V, per second), but the right-hand side has unit V",
        "NC0203 dw/dt must have unit V/s ('w' is in V, per second), but the right-hand side has unit A/s",
        "NC0203 dx/dt must have unit Hz ('x' is in 1 (dimensionless), per second), but the right-hand side has unit V/s");

    [Fact]
    public void UnitsOfAssignmentsAndHandlers() => Expect(LifPlusSynapse("""
        on_pre { ge += «1 mV»; ge *= «2 mV»; v = «w» }
        """) + """
        neuron B {
          param Vr = -60 mV
          state v = 0 mV
          threshold v > 1 mV
          reset { v = «1 ms»; v /= «1 mV» }
          refractory «5 mV»
        }
        population Q = B[2] { v = «1 ms» }
        projection p = P -> P : S { connect all_to_all; w = «1 mV»; delay = «1 mV» }
        """,
        "NC0201 a value for 'ge' must have unit S, but this has unit V",
        "NC0201 a factor for 'ge' must have unit 1 (dimensionless), but this has unit V",
        "NC0201 a value for 'v' must have unit V, but this has unit S",
        "NC0201 a value for 'v' must have unit V, but this has unit s",
        "NC0201 a factor for 'v' must have unit 1 (dimensionless), but this has unit V",
        "NC0201 the refractory period must have unit s, but this has unit V",
        "NC0201 'v' must have unit V, but this has unit s",
        "NC0201 'w' must have unit S, but this has unit V",
        "NC0201 a delay must have unit s, but this has unit V");

    [Fact]
    public void UnitsOfSettingsSizesAndStimuli() => Expect(Lif + """
        model m { dt = «0.1 mV»; duration = «1 Hz»; seed = «1 s» }
        population Q = A[«10 ms»]
        population G = SpikeGenerator[2] { times = [1 ms, 2 ms]; indices = «[0 s, 1 s]» }
        neuron C { param I = 0 pA
          state v = 0 mV }
        population R = C[2]
        stimulus s1 = poisson_input(10, «5 mV», «1 pA») -> P.v
        stimulus s2 = constant(«1 mV») -> R.I
        stimulus s3 = step(«1 mV», 2 s, 1 pA) -> R.I
        stimulus s4 = constant(1 pA) -> R.I, «P.tau»
        record rate P every «1 mV»
        """,
        "NC0201 the time step dt must have unit s, but this has unit V",
        "NC0201 the duration must have unit s, but this has unit Hz",
        "NC0201 the seed must have unit 1 (dimensionless), but this has unit s",
        "NC0201 a population's size must have unit 1 (dimensionless), but this has unit s",
        "NC0201 spike indices must have unit 1, but these have s",
        "NC0201 the rate must have unit Hz, but this has unit V",
        "NC0201 the weight (added to 'v') must have unit V, but this has unit A",
        "NC0201 the amplitude (added to 'I') must have unit A, but this has unit V",
        "NC0201 the start must have unit s, but this has unit V",
        "NC0201 all targets of a stimulus need one unit: this is s, the first is A",
        "NC0201 a rate's bin must have unit s, but this has unit V");

    [Fact]
    public void StateWithoutAUnitBecauseItsInitialValueFailedIsReportedOnce() => Expect("""
        neuron A {
          param tau = 10 ms
          state v = «foo»
          let u = 2 * v
          dv/dt = -v / tau + u / tau
          threshold v > 1 mV
          reset { v = 0 mV }
          refractory 2 ms clamp v
        }
        population P = A[10] { v = 1 mV }
        record P.v
        stimulus s = poisson_input(10, 5 Hz, 1 mV) -> P.v
        protocol { at 1 s P.v += 1 mV }
        """, "NC0101 unknown name 'foo'");

    [Fact]
    public void StateInitialisedWithABareZeroIsDimensionlessAndTheMessagesSaySo() => Expect("""
        neuron A {
          param El = -70 mV
          param tau = 10 ms
          param I = 1 nA
          param C = 1 nF
          state v = 0
          state ge = 0
          dv/dt = («El - v») / tau
          dge/dt = «I / C»
          threshold «v > -50 mV»
          reset { v = «El» }
        }
        """,
        "NC0201 cannot subtract 1 from V ('v' is dimensionless because its initial value is a bare 0; write the 0 with a unit: 'state v = 0 V')",
        "NC0203 dge/dt must have unit Hz ('ge' is in 1 (dimensionless), per second), but the right-hand side has unit V/s ('ge' is dimensionless because its initial value is a bare 0; write the 0 with a unit: 'state ge = 0 V')",
        "NC0201 cannot compare 1 and V ('v' is dimensionless",
        "NC0201 a value for 'v' must have unit 1 (dimensionless), but this has unit V ('v' is dimensionless because its initial value is a bare 0");

    [Fact]
    public void UnitExponentsTooLargeAreReportedNotThrown() => Expect("""
        param a = «ms ** 40 * ms ** 40»
        neuron A {
          state v = 1 / ms ** 63.5
          «dv»/dt = v
        }
        """,
        "NC0201 the unit of this expression has an exponent too large to represent",
        "NC0201 the unit of 'v' (s^-63.5) has an exponent too large for its derivative");

    [Fact]
    public void ABareZeroFitsAnyUnit()
    {
        var model = Clean("""
            neuron A {
              param El = 0
              state v = 0 mV
              state g = 0 nS
              dv/dt = (0 - v) / (10 ms) + 0
              dg/dt = 0
              threshold v > 0
              reset { v = 0; g += 0 }
            }
            population P = A[1] { v = 0; g = 0 }
            """);
        var type = model.NeuronTypes.Single();
        Assert.Equal(Core.Units.Dimension.Volt, type.FindState("v")!.Symbol.Dimension);
        Assert.Equal(Core.Units.Dimension.Siemens, type.FindState("g")!.Symbol.Dimension);
    }

    /// <summary>The LIF prelude plus a synapse S with a w in nS and the given handlers.</summary>
    internal static string LifPlusSynapse(string handlers) => Lif + "synapse S {\n  param w = 1 nS\n  " + handlers + "}\n";
}
