using NeuroCompiler.Runtime;

namespace NeuroCompiler.ConnectRules.Rules;

/// <summary>
/// <c>connect fixed_total(n)</c>: exactly n synapses among all pairs. Without multapses every set of n distinct
/// pairs is equally likely; with them, each of the n synapses is any pair, equally likely.
/// </summary>
public sealed class FixedTotalRule() : RuleDescriptor("fixed_total", RuleParameter.Count("n", "the number of synapses"))
{
    /// <summary>The element index of the draws that split a fixed total among the sources.</summary>
    private const uint TotalSplitIndex = uint.MaxValue - 1;

    /// <summary>The element index of the draws that pick distinct pairs.</summary>
    private const uint DistinctPairsIndex = uint.MaxValue;

    /// <summary>Bytes per synapse while distinct pairs are drawn: the 8-byte pair in a list and in a set of them (20).</summary>
    public const double DrawnPairBytes = 8 + 20;

    public override bool Check(RuleCheck check) => check.AtMost("n", (long)check.Source.Count * check.Target.Count, "possible pairs");

    public override double ExpectedSynapses(RuleArguments arguments, PairSpace pairs) => arguments["n"];

    public override double DrawnBytesPerSynapse(bool multapses) => multapses ? DrawnTargetBytes : DrawnPairBytes;

    public override PairDrawing Draw(RuleArguments arguments, PairSpace pairs)
    {
        long n = (long)arguments["n"];
        if (!pairs.Multapses)
        {
            return new PairDrawing.SortedPairs(Distinct(pairs, n));
        }
        var counts = RowCounts(pairs, n);
        return new PairDrawing.Rows(() => (s, row) => pairs.Choose(checked((int)counts[s]), pairs.Targets, (uint)s, repeats: true, pairs.ExcludedTarget(s), row),
            ExpectedSynapses(arguments, pairs));
    }

    /// <summary>
    /// How many of n synapses (multapses allowed, each pair equally likely) start at each source: a
    /// multinomial draw made as a chain of binomials, source s taking Binomial(left, w_s / w_rest),
    /// where w_s counts the pairs open to s (one fewer where the autapse is excluded).
    /// </summary>
    private static long[] RowCounts(PairSpace pairs, long n)
    {
        var counts = new long[pairs.Sources];
        long pairsLeft = 0;
        for (int s = 0; s < pairs.Sources; s++)
        {
            pairsLeft += RowPairs(pairs, s);
        }
        long left = n;
        for (int s = 0; s < pairs.Sources && left > 0; s++)
        {
            long open = RowPairs(pairs, s);
            if (s == pairs.Sources - 1 || open == pairsLeft)
            {
                counts[s] = left;
                break;
            }
            double p = (double)open / pairsLeft;
            CounterRng.Block(pairs.Seed, pairs.Stream, TotalSplitIndex, (ulong)s, out uint r0, out uint r1, out uint r2, out uint r3);
            double u = CounterRng.UniformDoubleFromWords(r0, r1);
            double z = CounterRng.NormalDoubleFromWords(r2, r3);
            long drawn = left > int.MaxValue ? (long)Math.Round(left * p + z * Math.Sqrt(left * p * (1 - p)))
                : Binomial.Sample((int)left, p, u, z);
            counts[s] = Math.Clamp(drawn, 0, left);
            left -= counts[s];
            pairsLeft -= open;
        }
        return counts;
    }

    private static long RowPairs(PairSpace pairs, int s) => pairs.Targets - (pairs.ExcludedTarget(s) >= 0 ? 1 : 0);

    /// <summary>Exactly n distinct synapses among all pairs, each set equally likely; ascending (source, target) pairs.</summary>
    private static List<long> Distinct(PairSpace pairs, long n)
    {
        long all = (long)pairs.Sources * pairs.Targets;
        // Sized up front: growing would copy both, and leave the old arrays behind (MemoryEstimate counts DrawnPairBytes a pair).
        var chosen = new List<long>((int)Math.Min(n, Array.MaxLength));
        var seen = new HashSet<long>((int)Math.Min(n, Array.MaxLength));
        ulong draw = 0;
        while (chosen.Count < n)
        {
            CounterRng.Block(pairs.Seed, pairs.Stream, DistinctPairsIndex, draw++, out uint r0, out uint r1, out _, out _);
            long pair = (long)((((ulong)r0 << 32) | r1) % (ulong)all);
            int s = (int)(pair / pairs.Targets);
            int t = (int)(pair % pairs.Targets);
            if (pairs.Allowed(s, t) && seen.Add(pair))
            {
                chosen.Add(pair);
            }
        }
        chosen.Sort();
        return chosen;
    }
}
