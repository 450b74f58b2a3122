using NeuroCompiler.Core.Units;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.ConnectRules.Rules;

/// <summary><c>connect fixed_probability(p)</c>: each pair independently with probability p.</summary>
public sealed class FixedProbabilityRule() : RuleDescriptor("fixed_probability", RuleParameter.Constant("p", Dimension.None, "a connection probability"))
{
    public override bool Check(RuleCheck check) => check.Probability("p");

    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => arguments["p"] * pairs.Sources * pairs.Targets;

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs)
    {
        double p = arguments["p"];
        return new PairDrawing.Rows(() => (s, row) => Row(pairs, p, s, row), ExpectedSynapses(arguments, pairs));
    }

    /// <summary>
    /// The targets of source s. The gaps between chosen targets are geometric:
    /// gap = floor(log(1-u) / log(1-p)), so the work is proportional to the synapses made.
    /// </summary>
    private static void Row(PairSpace pairs, double p, int s, List<int> row)
    {
        if (p <= 0)
        {
            return;
        }
        if (p >= 1)
        {
            pairs.AllTargets(s, row);
            return;
        }
        double logQ = DetMath.Log(1 - p);
        if (logQ == 0)
        {
            logQ = -p; // p below about 1e-16: 1 - p rounds to 1, and log(1 - p) is -p to double precision
        }
        ulong draw = 0;
        long t = -1;
        while (true)
        {
            double u = CounterRng.UniformDouble(pairs.Seed, pairs.Stream, (uint)s, draw++);
            double gap = Math.Floor(DetMath.Log(1 - u) / logQ);
            t += 1 + (long)Math.Min(gap, pairs.Targets);
            if (t >= pairs.Targets)
            {
                return;
            }
            if (pairs.Allowed(s, (int)t))
            {
                row.Add((int)t);
            }
        }
    }
}
