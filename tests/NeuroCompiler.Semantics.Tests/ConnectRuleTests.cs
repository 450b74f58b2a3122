using NeuroCompiler.ConnectRules;
using NeuroCompiler.TestSupport;
using static NeuroCompiler.Semantics.Tests.Bind;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// The connect rules as the binder finds them in the registry: by name, their arguments bound as their parameters
/// say, what the bound model holds. Most cases walk the registry, so a rule added later is checked too.
/// </summary>
public class ConnectRuleTests
{
    private const string Net = """
        neuron N { state v = 0 mV }
        synapse S { param w = 1 mV; on_pre { v += w } }
        population P = N[10] { layout = grid(10, spacing = 10 um) }
        population Q = N[12] { layout = random(100 um, 100 um) }

        """;

    public static TheoryData<string> Rules() => new(ConnectivityRules.Names);

    private static BoundConnectivity Connectivity(string rule, string projection = "P -> Q") =>
        Clean(Net + $"projection p = {projection} : S {{ connect {rule} }}").Projections.Single().Connectivity;

    [Fact]
    public void TheRegistryFindsEachRuleByItsNameAndListsThemInOrdinalOrder()
    {
        var names = ConnectivityRules.Names.ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            "all_to_all", "one_to_one", "fixed_probability", "fixed_indegree", "fixed_outdegree", "fixed_total", "probability",
        });
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names, ConnectivityRules.All.Select(r => r.Name));
        Assert.All(ConnectivityRules.All, rule => Assert.Same(rule, ConnectivityRules.Find(rule.Name)));
        Assert.Null(ConnectivityRules.Find("All_to_all"));
        Assert.Null(ConnectivityRules.Find(""));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRuleBindsTheArgumentsItsParametersDescribe(string name)
    {
        var rule = ConnectivityRules.Find(name)!;
        var bound = Connectivity(ConnectRuleSamples.Written(rule), rule.Name == "one_to_one" ? "P -> P" : "P -> Q");
        Assert.Same(rule, bound.Rule);
        Assert.Equal(rule.Parameters.Length, bound.Arguments.Values.Length);
        for (int k = 0; k < rule.Parameters.Length; k++)
        {
            double expected = ConnectRuleSamples.Value(rule.Parameters[k]);
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(bound.Arguments.Values[k]), $"{rule.Parameters[k].Name} is held as an expression");
                continue;
            }
            Assert.Equal(expected, bound.Arguments.Values[k], Math.Abs(expected) * 1e-15);
        }
        Assert.Equal(rule.Parameters.Count(p => p.Kind == RuleValueKind.PairProbability), bound.PairExpressions.Length);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRuleReportsAnArgumentItDoesNotTake(string name)
    {
        var rule = ConnectivityRules.Find(name)!;
        var errors = Text(Net + $"projection p = P -> Q : S {{ connect {name}(zz = 1) }}").Diagnostics;
        var error = Assert.Single(errors);
        if (rule.Parameters.IsEmpty)
        {
            Assert.Equal(("NC0305", $"'{name}' takes no arguments"), (error.CodeText, error.Message));
        }
        else
        {
            Assert.Equal(("NC0117", $"'{name}' has no argument 'zz' (it takes {string.Join(", ", rule.Parameters.Select(p => p.Name))})"),
                (error.CodeText, error.Message));
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRuleReportsEachRequiredArgumentLeftOut(string name)
    {
        var required = ConnectivityRules.Find(name)!.Parameters.Where(p => !p.IsOptional).Select(p => p.Name).ToList();
        var errors = Text(Net + $"projection p = P -> P : S {{ connect {name}() }}").Diagnostics;
        Assert.Equal(required.Select(p => ("NC0118", $"'{name}' needs the argument '{p}'")), errors.Select(e => (e.CodeText, e.Message)));
    }

    [Fact]
    public void TheBoundModelHoldsTheRuleWithItsArgumentsInSIUnitsAndItsPairExpressions()
    {
        Assert.Equal(0.25, Connectivity("fixed_probability(0.25)").Arguments["p"]);
        Assert.Equal(3, Connectivity("fixed_indegree(k = 3)").Arguments["k"]);
        Assert.Equal(7, Connectivity("fixed_total(7)").Arguments["n"]);
        var all = Connectivity("all_to_all");
        Assert.Equal(("all_to_all", 0, 0), (all.Rule.Name, all.Arguments.Values.Length, all.PairExpressions.Length));
        var probability = Connectivity("probability(i / 10)", "P -> P");
        Assert.Equal("probability", probability.Rule.Name);
        Assert.IsType<BoundBinary>(Assert.Single(probability.PairExpressions));
        Assert.True(double.IsNaN(probability.Arguments["p"]), "a per-pair expression has no single value");
    }

    [Fact]
    public void AnArgumentIsBoundInItsParametersUnitAndPlace() => Expect(Net + """
        param pp = 0.5
        param nn = 4
        projection a = P -> Q : S { connect fixed_probability(pp) }
        projection b = P -> Q : S { connect fixed_total(nn) }
        projection c = P -> Q : S { connect fixed_probability(«1 mV») }
        projection d = P -> Q : S { connect fixed_indegree(«2 ms») }
        projection e = P -> Q : S { connect probability(«distance») }
        projection f = P -> Q : S { connect fixed_probability(«j»)  }
        projection g = P -> Q : S { connect probability(0.1 * j) }
        """,
        "NC0201 a connection probability must have unit 1 (dimensionless), but this has unit V",
        "NC0201 the degree must have unit 1 (dimensionless), but this has unit s",
        "NC0201 a connection probability must have unit 1 (dimensionless), but this has unit m",
        "NC0114 'j' cannot be used in a connection probability");
}
