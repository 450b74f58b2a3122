using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary><c>connect gaussian(p_max, sigma, cutoff)</c> as the binder sees it: its arguments, their units and checks, the layouts it needs.</summary>
public class GaussianRuleTests
{
    private const string Net = """
        neuron N { state v = 0 mV }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population P = N[10] { layout = grid(10, spacing = 10 um) }
        population Q = N[12]
        population R = N[5]

        """;

    private static double[] Arguments(string rule, string extra = "") =>
        Clean(Net + extra + $"projection p = P -> P : S {{ connect {rule} }}").Projections.Single().Connectivity.Arguments.Values.ToArray();

    [Fact]
    public void ItsArgumentsAreHeldInSIUnitsWhetherNamedOrPositional()
    {
        Assert.Equal(new[] { 0.5, 100e-6, 300e-6 }, Arguments("gaussian(p_max = 0.5, sigma = 100 um, cutoff = 300 um)"), new RelativeComparer());
        Assert.Equal(new[] { 0.25, 1e-3, 2e-3 }, Arguments("gaussian(0.25, 1 mm, 2 mm)"), new RelativeComparer());
        Assert.Equal(new[] { 0.5, 80e-6, 240e-6 }, Arguments("gaussian(sigma = width, cutoff = 3 * width, p_max = peak)", "param width = 80 um\nparam peak = 0.5\n"),
            new RelativeComparer());
    }

    [Fact]
    public void PeakAndCutOffHaveDefaults() =>
        Assert.Equal(new[] { 1, 50e-6, double.PositiveInfinity }, Arguments("gaussian(sigma = 50 um)"), new RelativeComparer());

    [Fact]
    public void ValuesOutsideTheirRangeAreReportedAtTheirArgument() => Expect(Net + """
        projection a = P -> P : S { connect gaussian(p_max = «1.5», sigma = 100 um) }
        projection b = P -> P : S { connect gaussian(sigma = «0 um») }
        projection c = P -> P : S { connect gaussian(sigma = «-5 um») }
        projection d = P -> P : S { connect gaussian(sigma = 10 um, cutoff = «-1 um») }
        projection e = P -> P : S { connect gaussian(«-0.5», «0 m», «-1 mm») }
        projection f = P -> P : S { connect gaussian(0, 1 um, 0 um) }
        """,
        "NC0302 a probability must be between 0 and 1, but this is 1.5",
        "NC0307 the width sigma must be positive, but this is 0 m",
        "NC0307 the width sigma must be positive, but this is -5E-06 m",
        "NC0307 the cut-off distance cannot be negative, but this is -1E-06 m",
        "NC0302 a probability must be between 0 and 1, but this is -0.5",
        "NC0307 the width sigma must be positive, but this is 0 m",
        "NC0307 the cut-off distance cannot be negative, but this is -0.001 m");

    [Fact]
    public void ItsArgumentsHaveUnitsAndAreConstants() => Expect(Net + """
        projection a = P -> P : S { connect gaussian(sigma = «100 mV») }
        projection b = P -> P : S { connect gaussian(p_max = «0.5 mV», sigma = 1 um) }
        projection c = P -> P : S { connect gaussian(sigma = «0.1») }
        projection d = P -> P : S { connect gaussian(sigma = 1 um, cutoff = «2 ms») }
        projection e = P -> P : S { connect gaussian(sigma = «rand»() * 1 um) }
        projection f = P -> P : S { connect gaussian(sigma = «distance») }
        """,
        "NC0201 the width sigma must have unit m, but this has unit V",
        "NC0201 the peak probability p_max must have unit 1 (dimensionless), but this has unit V",
        "NC0201 the width sigma must have unit m, but this has unit 1",
        "NC0201 the cut-off distance must have unit m, but this has unit s",
        "NC0114 random function 'rand' cannot be used in the width sigma",
        "NC0114 'distance' cannot be used in the width sigma");

    [Fact]
    public void ArgumentMistakes() => Expect(Net + """
        projection a = P -> P : S { connect «gaussian» }
        projection b = P -> P : S { connect «gaussian(p_max = 0.5)» }
        projection c = P -> P : S { connect gaussian(sigma = 1 um, «width» = 2 um) }
        projection d = P -> P : S { connect gaussian(0.5, 1 um, 2 um, «3 um») }
        projection e = P -> P : S { connect gaussian(sigma = 1 um, «sigma = 2 um») }
        projection f = P -> P : S { connect «gausian»(sigma = 1 um) }
        """,
        "NC0305 'gaussian' needs arguments: gaussian(p_max, sigma, cutoff)",
        "NC0118 'gaussian' needs the argument 'sigma'",
        "NC0117 'gaussian' has no argument 'width' (it takes p_max, sigma, cutoff)",
        "NC0305 'gaussian' takes at most 3 arguments (p_max, sigma, cutoff)",
        "NC0119 argument 'sigma' is given twice",
        "NC0111 did you mean 'gaussian'?");

    [Fact]
    public void BothPopulationsNeedALayout() => Expect(Net + """
        projection a = P -> Q : S { connect «gaussian(sigma = 10 um)» }
        projection b = Q -> P : S { connect «gaussian(sigma = 10 um)» }
        projection c = Q -> Q : S { connect «gaussian(sigma = 10 um)» }
        projection d = Q -> R : S { connect ««gaussian(sigma = 10 um)»» }
        projection e = P[0:5] -> P[5:] : S { connect gaussian(sigma = 10 um) }
        """,
        "NC0114 gaussian connects by distance, but population 'Q' has no layout to give its neurons positions",
        "NC0114 population 'Q' has no layout",
        "NC0114 population 'Q' has no layout",
        "NC0114 population 'Q' has no layout",
        "NC0114 population 'R' has no layout");

    private sealed class RelativeComparer : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => a == b || Math.Abs(a - b) <= 1e-15 * Math.Max(Math.Abs(a), Math.Abs(b));

        public int GetHashCode(double value) => 0;
    }
}
