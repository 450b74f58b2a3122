namespace NeuroCompiler.ConnectRules.Rules;

/// <summary><c>connect all_to_all</c>: every pair (but the autapse, where those are left out).</summary>
public sealed class AllToAllRule() : RuleDescriptor("all_to_all")
{
    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => (double)pairs.Sources * pairs.Targets;

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs) =>
        new PairDrawing.Rows(() => pairs.AllTargets, ExpectedSynapses(arguments, pairs));
}
