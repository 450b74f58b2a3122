using NeuroCompiler.Core.Units;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// One argument a rule takes: its name as written (<c>fixed_probability(p = 0.1)</c>), how it is bound, its
/// unit, the words messages use for it ("a connection probability must have unit 1 ...") and its default, if
/// it may be left out.
/// </summary>
public sealed record RuleParameter(string Name, RuleValueKind Kind, Dimension Dimension, string What, double? Default)
{
    public bool IsOptional => Default is not null;

    public static RuleParameter Constant(string name, Dimension dimension, string what, double? defaultValue = null) =>
        new(name, RuleValueKind.Constant, dimension, what, defaultValue);

    public static RuleParameter Count(string name, string what) => new(name, RuleValueKind.Count, Dimension.None, what, null);

    public static RuleParameter PairProbability(string name, string what) => new(name, RuleValueKind.PairProbability, Dimension.None, what, null);
}
