namespace NeuroCompiler.ConnectRules.Rules;

/// <summary><c>connect fixed_indegree(k)</c>: each target gets k sources, distinct unless multapses are allowed.</summary>
public sealed class FixedIndegreeRule() : RuleDescriptor("fixed_indegree", RuleParameter.Count("k", "the degree"))
{
    public override bool Check(RuleCheck check) =>
        check.AtMost("k", check.Source.Count - (check.ExcludesAutapses ? 1 : 0), "possible presynaptic neurons");

    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => arguments["k"] * pairs.Targets;

    /// <summary>Column by column: the k sources of target t, ascending.</summary>
    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs)
    {
        int k = (int)arguments["k"];
        return new PairDrawing.Columns(() => (t, column) => pairs.Choose(k, pairs.Sources, (uint)t, pairs.Multapses, pairs.ExcludedSource(t), column),
            ExpectedSynapses(arguments, pairs));
    }
}
