using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.ConnectRules.Rules;

/// <summary>
/// <c>connect gaussian(p_max = 0.5, sigma = 100 um, cutoff = 300 um)</c>, the distance-dependent rule of
/// topographic models: pair (i, j) is connected with probability p_max·exp(-d²/(2σ²)) where d, the distance
/// between the two neurons' positions (as <c>distance</c> in <c>probability(expr)</c>), is at most the cut-off,
/// and never beyond it. One uniform draw per pair within the cut-off, keyed by the pair as
/// <c>probability(expr)</c> keys it, so <c>probability(where(distance &lt;= cutoff, p_max * exp(-(distance * distance) /
/// (2 * sigma * sigma)), 0))</c> makes the same synapses. Both populations need a layout. p_max defaults to 1 and the
/// cut-off to none.
/// </summary>
public sealed class GaussianRule() : RuleDescriptor("gaussian",
    RuleParameter.Constant("p_max", Dimension.None, "the peak probability p_max", 1),
    RuleParameter.Constant("sigma", Dimension.Metre, "the width sigma"),
    RuleParameter.Constant("cutoff", Dimension.Metre, "the cut-off distance", double.PositiveInfinity))
{
    /// <summary>Beyond this many sources or targets the estimate evaluates an even sample of them, not every pair.</summary>
    public const int EstimateSide = 2048;

    /// <summary>p_max a probability, sigma positive, the cut-off not negative, and positions on both sides.</summary>
    public override bool Check(RuleCheck check)
    {
        bool ok = check.Probability("p_max");
        if (!(check["sigma"] > 0))
        {
            ok = check.Error(ErrorCode.InvalidValue, "sigma", $"the width sigma must be positive, but this is {RuleCheck.Number(check["sigma"])} m");
        }
        if (!(check["cutoff"] >= 0))
        {
            ok = check.Error(ErrorCode.InvalidValue, "cutoff", $"the cut-off distance cannot be negative, but this is {RuleCheck.Number(check["cutoff"])} m");
        }
        foreach (string population in new[] { check.Source, check.Target }.Where(side => !side.HasPositions).Select(side => side.Population).Distinct())
        {
            ok = check.Error(ErrorCode.NameNotAvailableHere, $"gaussian connects by distance, but population '{population}' has no layout to give its neurons positions");
        }
        return ok;
    }

    /// <summary>
    /// The sum of every pair's probability; for more than <see cref="EstimateSide"/> sources or targets, the mean over
    /// an evenly spaced sample of them times the number of pairs (at most 2048² evaluations).
    /// </summary>
    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs)
    {
        var kernel = new Kernel(arguments);
        int sourceStep = Math.Max(1, (pairs.Sources + EstimateSide - 1) / EstimateSide);
        int targetStep = Math.Max(1, (pairs.Targets + EstimateSide - 1) / EstimateSide);
        double sum = 0;
        long sampled = 0;
        for (int s = 0; s < pairs.Sources; s += sourceStep)
        {
            for (int t = 0; t < pairs.Targets; t += targetStep)
            {
                sampled++;
                if (pairs.Allowed(s, t))
                {
                    sum += kernel.Probability(pairs.Distance(s, t));
                }
            }
        }
        return sampled == 0 ? 0 : sum * ((double)pairs.Sources * pairs.Targets / sampled);
    }

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs)
    {
        var kernel = new Kernel(arguments);
        return new PairDrawing.Rows(() => (s, row) =>
        {
            for (int t = 0; t < pairs.Targets; t++)
            {
                if (pairs.Allowed(s, t) && kernel.Probability(pairs.Distance(s, t)) is var p && p > 0 && pairs.PairUniform(s, t) < p)
                {
                    row.Add(t);
                }
            }
        }, ExpectedSynapses(arguments, pairs));
    }

    /// <summary>The connection probability at a distance.</summary>
    private readonly struct Kernel(RuleArguments arguments)
    {
        private readonly double _peak = arguments["p_max"];
        private readonly double _twoSigmaSquared = 2 * arguments["sigma"] * arguments["sigma"];
        private readonly double _cutoff = arguments["cutoff"];

        public double Probability(double distance) =>
            distance <= _cutoff ? _peak * DetMath.Exp(-(distance * distance) / _twoSigmaSquared) : 0;
    }
}
