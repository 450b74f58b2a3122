namespace NeuroCompiler.ConnectRules.Rules;

/// <summary><c>connect fixed_outdegree(k)</c>: each source gets k targets, distinct unless multapses are allowed.</summary>
public sealed class FixedOutdegreeRule() : RuleDescriptor("fixed_outdegree", RuleParameter.Count("k", "the degree"))
{
    public override bool Check(RuleCheck check) =>
        check.AtMost("k", check.Target.Count - (check.ExcludesAutapses ? 1 : 0), "possible postsynaptic neurons");

    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => arguments["k"] * pairs.Sources;

    /// <summary>Row by row: the k targets of source s, ascending.</summary>
    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs)
    {
        int k = (int)arguments["k"];
        return new PairDrawing.Rows(() => (s, row) => pairs.Choose(k, pairs.Targets, (uint)s, pairs.Multapses, pairs.ExcludedTarget(s), row),
            ExpectedSynapses(arguments, pairs));
    }
}
