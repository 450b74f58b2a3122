using System.Collections.Immutable;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// The pairs a projection may make and what a rule reads while it draws them: the sizes of the two ranges (a
/// pair is (s, t), positions within the source and target ranges), the autapse left out, the neurons' positions
/// and the rule's per-pair expressions. Random draws are keyed by (seed, the projection's connect stream, an
/// element index, a draw counter), so each row (or, for a fixed in-degree, each column) depends only on its own
/// index: rows can be drawn in any order, on any number of threads, with the same result.
/// </summary>
public sealed class PairSpace
{
    private readonly bool _excludeAutapses;
    private readonly int _offset;
    private readonly RangePositions? _sourcePositions;
    private readonly RangePositions? _targetPositions;

    /// <param name="excludeAutapses">When set, the pairs with s - t == <paramref name="autapseOffset"/> (the same neuron) are not made.</param>
    /// <param name="functions">The rule's <see cref="RuleValueKind.PairProbability"/> arguments, in its order.</param>
    public PairSpace(ulong seed, uint stream, int sources, int targets, bool excludeAutapses, int autapseOffset, bool multapses,
        RangePositions? sourcePositions, RangePositions? targetPositions, ImmutableArray<PairFunction> functions)
    {
        Seed = seed;
        Stream = stream;
        Sources = sources;
        Targets = targets;
        _excludeAutapses = excludeAutapses;
        _offset = autapseOffset;
        Multapses = multapses;
        _sourcePositions = sourcePositions;
        _targetPositions = targetPositions;
        Functions = functions;
    }

    public ulong Seed { get; }

    public uint Stream { get; }

    public int Sources { get; }

    public int Targets { get; }

    /// <summary>Whether a pair may be made more than once.</summary>
    public bool Multapses { get; }

    public ImmutableArray<PairFunction> Functions { get; }

    public bool Allowed(int s, int t) => !_excludeAutapses || s - t != _offset;

    /// <summary>The excluded target of source s (its autapse), or -1.</summary>
    public int ExcludedTarget(int s) => _excludeAutapses && s - _offset is var e && e >= 0 && e < Targets ? e : -1;

    /// <summary>The excluded source of target t (its autapse), or -1.</summary>
    public int ExcludedSource(int t) => _excludeAutapses && t + _offset is var e && e >= 0 && e < Sources ? e : -1;

    /// <summary>The distance (metres) between source s and target t; only for rules whose checks required positions.</summary>
    public double Distance(int s, int t) => RangePositions.Distance(
        _sourcePositions ?? throw new InvalidOperationException("the source has no positions"), s,
        _targetPositions ?? throw new InvalidOperationException("the target has no positions"), t);

    /// <summary>The uniform draw in [0, 1) of pair (s, t) for a rule that draws once per pair.</summary>
    public double PairUniform(int s, int t) => CounterRng.UniformDouble(Seed, Stream, (uint)s, (ulong)t);

    /// <summary>Every allowed target of source s.</summary>
    public void AllTargets(int s, List<int> row)
    {
        for (int t = 0; t < Targets; t++)
        {
            if (Allowed(s, t))
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
    public void Choose(int k, int n, uint element, bool repeats, int excluded, List<int> result)
    {
        int first = result.Count;
        ulong draw = 0;
        int Uniform(int bound)
        {
            CounterRng.Block(Seed, Stream, element, draw++, out uint r0, out _, out _, out _);
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
