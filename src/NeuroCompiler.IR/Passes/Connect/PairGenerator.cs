using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// Draws the (pre, post) pairs of a projection from its rule, deterministically from the seed.
/// Indices are positions within the source and target ranges. Random draws are keyed by
/// (seed, the projection's connect stream, an element index, a draw counter), so the result does not
/// depend on threads or on other projections.
/// </summary>
internal sealed class PairGenerator
{
    private readonly ulong _seed;
    private readonly uint _stream;
    private readonly int _sources;
    private readonly int _targets;
    private readonly bool _excludeAutapses;
    private readonly int _offset;

    /// <param name="excludeAutapses">When set, the pairs with s - t == <paramref name="autapseOffset"/> (the same neuron) are not made.</param>
    public PairGenerator(ulong seed, uint stream, int sources, int targets, bool excludeAutapses, int autapseOffset)
    {
        _seed = seed;
        _stream = stream;
        _sources = sources;
        _targets = targets;
        _excludeAutapses = excludeAutapses;
        _offset = autapseOffset;
    }

    private bool Allowed(int s, int t) => !_excludeAutapses || s - t != _offset;

    public void AllToAll(Action<int, int> add)
    {
        for (int s = 0; s < _sources; s++)
        {
            for (int t = 0; t < _targets; t++)
            {
                if (Allowed(s, t))
                {
                    add(s, t);
                }
            }
        }
    }

    public void OneToOne(Action<int, int> add)
    {
        for (int s = 0; s < _sources; s++)
        {
            if (Allowed(s, s))
            {
                add(s, s);
            }
        }
    }

    /// <summary>
    /// Each pair independently with probability p. For each source the gaps between chosen targets
    /// are geometric: gap = floor(log(1-u) / log(1-p)), so the work is proportional to the synapses made.
    /// </summary>
    public void FixedProbability(double p, Action<int, int> add)
    {
        if (p <= 0)
        {
            return;
        }
        if (p >= 1)
        {
            AllToAll(add);
            return;
        }
        double logQ = DetMath.Log(1 - p);
        for (int s = 0; s < _sources; s++)
        {
            ulong draw = 0;
            long t = -1;
            while (true)
            {
                double u = CounterRng.UniformDouble(_seed, _stream, (uint)s, draw++);
                double gap = Math.Floor(DetMath.Log(1 - u) / logQ);
                t += 1 + (long)Math.Min(gap, _targets);
                if (t >= _targets)
                {
                    break;
                }
                if (Allowed(s, (int)t))
                {
                    add(s, (int)t);
                }
            }
        }
    }

    /// <summary>Each target gets exactly k sources (distinct unless multapses are allowed).</summary>
    public void FixedIndegree(int k, bool multapses, Action<int, int> add)
    {
        for (int t = 0; t < _targets; t++)
        {
            int excluded = _excludeAutapses && t + _offset is var e && e >= 0 && e < _sources ? e : -1;
            foreach (int s in Choose(k, _sources, (uint)t, multapses, excluded))
            {
                add(s, t);
            }
        }
    }

    /// <summary>Each source reaches exactly k targets (distinct unless multapses are allowed).</summary>
    public void FixedOutdegree(int k, bool multapses, Action<int, int> add)
    {
        for (int s = 0; s < _sources; s++)
        {
            int excluded = _excludeAutapses && s - _offset is var e && e >= 0 && e < _targets ? e : -1;
            foreach (int t in Choose(k, _targets, (uint)s, multapses, excluded))
            {
                add(s, t);
            }
        }
    }

    /// <summary>Exactly n synapses among all pairs, each pair equally likely (distinct unless multapses are allowed).</summary>
    public void FixedTotal(long n, bool multapses, Action<int, int> add)
    {
        long pairs = (long)_sources * _targets;
        var chosen = new List<long>();
        var seen = multapses ? null : new HashSet<long>();
        ulong draw = 0;
        while (chosen.Count < n)
        {
            CounterRng.Block(_seed, _stream, uint.MaxValue, draw++, out uint r0, out uint r1, out _, out _);
            long pair = (long)((((ulong)r0 << 32) | r1) % (ulong)pairs);
            int s = (int)(pair / _targets);
            int t = (int)(pair % _targets);
            if (!Allowed(s, t) || (seen is not null && !seen.Add(pair)))
            {
                continue;
            }
            chosen.Add(pair);
        }
        chosen.Sort();
        foreach (long pair in chosen)
        {
            add((int)(pair / _targets), (int)(pair % _targets));
        }
    }

    /// <summary>Each pair with the probability an expression gives for it: one uniform draw per pair.</summary>
    public void Probability(Func<int, int, double> probability, Action<int, int> add)
    {
        for (int s = 0; s < _sources; s++)
        {
            for (int t = 0; t < _targets; t++)
            {
                if (Allowed(s, t) && CounterRng.UniformDouble(_seed, _stream, (uint)s, (ulong)t) < probability(s, t))
                {
                    add(s, t);
                }
            }
        }
    }

    /// <summary>
    /// k of n candidates for one element, in ascending order. Without repeats this is Floyd's
    /// algorithm (k draws, no rejection loop over n) followed by a sort; rejected candidates
    /// (autapses) are redrawn with the next counter value.
    /// </summary>
    private IEnumerable<int> Choose(int k, int n, uint element, bool repeats, int excluded)
    {
        var result = new List<int>(k);
        ulong draw = 0;
        int Uniform(int bound)
        {
            CounterRng.Block(_seed, _stream, element, draw++, out uint r0, out _, out _, out _);
            return (int)(((ulong)r0 * (ulong)bound) >> 32);
        }
        if (repeats)
        {
            while (result.Count < k)
            {
                int c = Uniform(n);
                if (c != excluded)
                {
                    result.Add(c);
                }
            }
            result.Sort();
            return result;
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
        result.Sort();
        return result;
    }
}
