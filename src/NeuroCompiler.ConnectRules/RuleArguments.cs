using System.Collections.Immutable;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// A rule with its arguments evaluated: one value per parameter, in the rule's order, in SI units (NaN for a
/// <see cref="RuleValueKind.PairProbability"/>, which the bound model and the IR hold as an expression).
/// This is what the bound model and the IR carry for a connect rule.
/// </summary>
public sealed record RuleArguments(RuleDescriptor Rule, ImmutableArray<double> Values)
{
    public double this[string parameter] => Values[Rule.IndexOf(parameter)];

    public override string ToString() => Rule.Print(this);
}
