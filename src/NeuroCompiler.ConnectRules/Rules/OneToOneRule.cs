using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.ConnectRules.Rules;

/// <summary><c>connect one_to_one</c>: source s onto target s, between ranges of equal size.</summary>
public sealed class OneToOneRule() : RuleDescriptor("one_to_one")
{
    public override bool Check(RuleCheck check) => check.Source.Count == check.Target.Count ||
        check.Error(ErrorCode.InvalidValue, $"one_to_one needs equal sizes, but the source has {check.Source.Count} neurons and the target {check.Target.Count}");

    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => Math.Min((double)pairs.Sources, pairs.Targets);

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs) =>
        new PairDrawing.Rows(() => (s, row) =>
        {
            if (s < pairs.Targets && pairs.Allowed(s, s))
            {
                row.Add(s);
            }
        }, ExpectedSynapses(arguments, pairs));
}
