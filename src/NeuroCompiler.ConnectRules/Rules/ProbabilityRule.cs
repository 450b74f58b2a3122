namespace NeuroCompiler.ConnectRules.Rules;

/// <summary>
/// <c>connect probability(expr)</c>: each pair with the probability an expression of the pair gives (i, j,
/// distance, pre.x, the neurons' values), one uniform draw per pair.
/// </summary>
public sealed class ProbabilityRule() : RuleDescriptor("probability", RuleParameter.PairProbability("p", "a connection probability"))
{
    /// <summary>The probability when it is one number, else 1: an upper bound, all that is known before drawing.</summary>
    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) =>
        Math.Clamp(pairs.Functions[0].Constant ?? 1, 0, 1) * pairs.Sources * pairs.Targets;

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs) =>
        new PairDrawing.Rows(() =>
        {
            var probability = pairs.Functions[0].NewEvaluator();
            return (s, row) =>
            {
                for (int t = 0; t < pairs.Targets; t++)
                {
                    if (pairs.Allowed(s, t) && pairs.PairUniform(s, t) < probability(s, t))
                    {
                        row.Add(t);
                    }
                }
            };
        }, 0);
}
