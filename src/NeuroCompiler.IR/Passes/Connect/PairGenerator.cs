using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// Draws the (pre, post) pairs of a projection from its rule, deterministically from the seed.
/// Indices are positions within the source and target ranges. Random draws are keyed by
/// (seed, the projection's connect stream, an element index, a draw counter), so each row (or, for
/// a fixed in-degree, each column) depends only on its own index: rows can be drawn in any order,
/// on any number of threads, with the same result.
/// </summary>
internal sealed class PairGenerator
{
    /// <summary>The element index of the draws that split a fixed total among the sources.</summary>
    private const uint TotalSplitIndex = uint.MaxValue - 1;

    private readonly ulong _seed;
    private readonly uint _stream;
    private readonly bool _excludeAutapses;
    private readonly int _offset;

    /// <param name="excludeAutapses">When set, the pairs with s - t == <paramref name="autapseOffset"/> (the same neuron) are not made.</param>
    public PairGenerator(ulong seed, uint stream, int sources, int targets, bool excludeAutapses, int autapseOffset)
    {
        _seed = seed;
        _stream = stream;
        Sources = sources;
        Targets = targets;
        _excludeAutapses = excludeAutapses;
        _offset = autapseOffset;
    }

    public int Sources { get; }

    public int Targets { get; }

    private bool Allowed(int s, int t) => !_excludeAutapses || s - t != _offset;

    /// <summary>The excluded target of source s (its autapse), or -1.</summary>
    private int ExcludedTarget(int s) => _excludeAutapses && s - _offset is var e && e >= 0 && e < Targets ? e : -1;

    /// <summary>The excluded source of target t (its autapse), or -1.</summary>
    private int ExcludedSource(int t) => _excludeAutapses && t + _offset is var e && e >= 0 && e < Sources ? e : -1;

    public void AllToAllRow(int s, List<int> row)
    {
        for (int t = 0; t < Targets; t++)
        {
            if (Allowed(s, t))
            {
                row.Add(t);
            }
        }
    }

    public void OneToOneRow(int s, List<int> row)
    {
        if (s < Targets && Allowed(s, s))
        {
            row.Add(s);
        }
    }

    /// <summary>
    /// Each pair independently with probability p. The gaps between chosen targets are geometric:
    /// gap = floor(log(1-u) / log(1-p)), so the work is proportional to the synapses made.
    /// </summary>
    public void FixedProbabilityRow(double p, int s, List<int> row)
    {
        if (p <= 0)
        {
            return;
        }
        if (p >= 1)
        {
            AllToAllRow(s, row);
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
            double u = CounterRng.UniformDouble(_seed, _stream, (uint)s, draw++);
            double gap = Math.Floor(DetMath.Log(1 - u) / logQ);
            t += 1 + (long)Math.Min(gap, Targets);
            if (t >= Targets)
            {
                return;
            }
            if (Allowed(s, (int)t))
            {
                row.Add((int)t);
            }
        }
    }

    /// <summary>The k sources of target t (distinct unless multapses are allowed), ascending.</summary>
    public void FixedIndegreeColumn(int k, bool multapses, int t, List<int> column) =>
        Choose(k, Sources, (uint)t, multapses, ExcludedSource(t), column);

    /// <summary>The k targets of source s (distinct unless multapses are allowed), ascending.</summary>
    public void FixedOutdegreeRow(int k, bool multapses, int s, List<int> row) =>
        Choose(k, Targets, (uint)s, multapses, ExcludedTarget(s), row);

    /// <summary>
    /// How many of n synapses (multapses allowed, each pair equally likely) start at each source: a
    /// multinomial draw made as a chain of binomials, source s taking Binomial(left, w_s / w_rest),
    /// where w_s counts the pairs open to s (one fewer where the autapse is excluded).
    /// </summary>
    public long[] FixedTotalRowCounts(long n)
    {
        var counts = new long[Sources];
        long pairsLeft = 0;
        for (int s = 0; s < Sources; s++)
        {
            pairsLeft += RowPairs(s);
        }
        long left = n;
        for (int s = 0; s < Sources && left > 0; s++)
        {
            long pairs = RowPairs(s);
            if (s == Sources - 1 || pairs == pairsLeft)
            {
                counts[s] = left;
                break;
            }
            double p = (double)pairs / pairsLeft;
            CounterRng.Block(_seed, _stream, TotalSplitIndex, (ulong)s, out uint r0, out uint r1, out uint r2, out uint r3);
            double u = CounterRng.UniformDoubleFromWords(r0, r1);
            double z = CounterRng.NormalDoubleFromWords(r2, r3);
            long drawn = left > int.MaxValue ? (long)Math.Round(left * p + z * Math.Sqrt(left * p * (1 - p)))
                : Binomial.Sample((int)left, p, u, z);
            counts[s] = Math.Clamp(drawn, 0, left);
            left -= counts[s];
            pairsLeft -= pairs;
        }
        return counts;
    }

    private long RowPairs(int s) => Targets - (ExcludedTarget(s) >= 0 ? 1 : 0);

    /// <summary>The targets of source s when it has <paramref name="count"/> of a fixed total with multapses: uniform, ascending.</summary>
    public void FixedTotalRow(long count, int s, List<int> row) =>
        Choose(checked((int)count), Targets, (uint)s, repeats: true, ExcludedTarget(s), row);

    /// <summary>Exactly n distinct synapses among all pairs, each set equally likely; ascending (source, target) pairs.</summary>
    public List<long> FixedTotalDistinct(long n)
    {
        long pairs = (long)Sources * Targets;
        // Sized up front: growing would copy both, and leave the old arrays behind (MemoryEstimate counts 28 bytes a pair).
        var chosen = new List<long>((int)Math.Min(n, Array.MaxLength));
        var seen = new HashSet<long>((int)Math.Min(n, Array.MaxLength));
        ulong draw = 0;
        while (chosen.Count < n)
        {
            CounterRng.Block(_seed, _stream, uint.MaxValue, draw++, out uint r0, out uint r1, out _, out _);
            long pair = (long)((((ulong)r0 << 32) | r1) % (ulong)pairs);
            int s = (int)(pair / Targets);
            int t = (int)(pair % Targets);
            if (Allowed(s, t) && seen.Add(pair))
            {
                chosen.Add(pair);
            }
        }
        chosen.Sort();
        return chosen;
    }

    /// <summary>Each pair with the probability an expression gives for it: one uniform draw per pair.</summary>
    public void ProbabilityRow(Func<int, int, double> probability, int s, List<int> row)
    {
        for (int t = 0; t < Targets; t++)
        {
            if (Allowed(s, t) && CounterRng.UniformDouble(_seed, _stream, (uint)s, (ulong)t) < probability(s, t))
            {
                row.Add(t);
            }
        }
    }

    /// <summary>
    /// Appends k of n candidates for one element, in ascending order. Without repeats this is Floyd's
    /// algorithm (k draws, no rejection loop over n) followed by a sort; with repeats, rejected
    /// candidates (autapses) are redrawn with the next counter value.
    /// </summary>
    private void Choose(int k, int n, uint element, bool repeats, int excluded, List<int> result)
    {
        int first = result.Count;
        ulong draw = 0;
        int Uniform(int bound)
        {
            CounterRng.Block(_seed, _stream, element, draw++, out uint r0, out _, out _, out _);
            return (int)(((ulong)r0 * (ulong)bound) >> 32);
        }
        if (repeats)
        {
            while (result.Count - first < k)
            {
                int c = Uniform(n);
                if (c != excluded)
                {
                    result.Add(c);
                }
            }
            result.Sort(first, k, null);
            return;
        }
        // Choose among the candidates without the excluded one (the autapse), then map back.
        int m = excluded >= 0 ? n - 1 : n;
        var set = new HashSet<int>();
        for (int j = m - k; j < m; j++)
        {
            int r = Uniform(j + 1);
            set.Add(set.Contains(r) ? j : r);
        }
        foreach (int c in set)
        {
            result.Add(excluded >= 0 && c >= excluded ? c + 1 : c);
        }
        result.Sort(first, result.Count - first, null);
    }
}
