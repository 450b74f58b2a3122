using NeuroCompiler.ConnectRules;
using NeuroCompiler.Core.Units;

namespace NeuroCompiler.TestSupport;

/// <summary>
/// A connect rule written with arguments it accepts, made from its parameters, for tests that walk the
/// registry: every rule there, including one added later, gets them without the tests naming it. The values
/// suit populations of at least ten neurons with layouts about 10 um apart.
/// </summary>
public static class ConnectRuleSamples
{
    /// <summary><c>all_to_all</c>, <c>fixed_indegree(k = 2)</c>, <c>gaussian(p_max = 0.5, sigma = 20 um, cutoff = 20 um)</c>.</summary>
    public static string Written(RuleDescriptor rule) => rule.Parameters.IsEmpty
        ? rule.Name
        : $"{rule.Name}({string.Join(", ", rule.Parameters.Select(p => $"{p.Name} = {Text(p)}"))})";

    /// <summary>The value <see cref="Written"/> gives a parameter, in SI units (NaN for a per-pair expression, which the rule holds as one).</summary>
    public static double Value(RuleParameter parameter) => parameter.Kind switch
    {
        RuleValueKind.Count => 2,
        RuleValueKind.PairProbability => double.NaN,
        _ => parameter.Dimension == Dimension.Metre ? 20e-6 : 0.5,
    };

    private static string Text(RuleParameter parameter) => parameter.Kind switch
    {
        RuleValueKind.Count => "2",
        RuleValueKind.PairProbability => "0.5",
        _ when parameter.Dimension == Dimension.None => "0.5",
        _ when parameter.Dimension == Dimension.Metre => "20 um",
        _ => throw new NotSupportedException($"no sample value in {parameter.Dimension} for {parameter.Name}: add one here"),
    };
}
