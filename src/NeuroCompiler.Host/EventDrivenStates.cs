using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Host;

/// <summary>
/// A projection's event-driven synapse states (<c>dx/dt = A x + B</c>, A and B constant): each synapse
/// keeps the step of its last update, and a state is advanced only when the synapse is touched
/// (an event, a clock rule), over the whole time since: with Δ = (n − last)·dt rounded once to T,
/// <c>x ← −BA + (BA + x)·exp(A·Δ)</c> with BA = B / A, or <c>x + B·Δ</c> where A is zero. A and B
/// are evaluated once per synapse (in T) before the run.
/// </summary>
public sealed class EventDrivenStates<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gaps (in steps) up to this length keep their exp(A·Δ) once computed, for an A shared by every synapse.</summary>
    private const int CachedGaps = 1 << 16;

    private readonly T[][] _states;
    private readonly T[][] _a;
    private readonly T[][] _b;
    private readonly T?[] _sharedA;
    private readonly T[]?[] _factors;
    private readonly long[] _last;
    private readonly double _dt;

    /// <param name="states">The arrays of the event-driven states.</param>
    /// <param name="a">Per state, A per synapse (one element when the same for all).</param>
    /// <param name="b">Per state, B per synapse (one element when the same for all).</param>
    public EventDrivenStates(T[][] states, T[][] a, T[][] b, int synapses, double dt)
    {
        _states = states;
        _a = a;
        _b = b;
        _dt = dt;
        _last = new long[synapses];
        _sharedA = a.Select(x => x.Length == 1 ? x[0] : (T?)null).ToArray();
        _factors = a.Select(x => x.Length == 1 && x[0] != T.Zero ? new T[CachedGaps] : null).ToArray();
    }

    /// <summary>The step each synapse was last brought up to date.</summary>
    public long[] LastUpdate => _last;

    /// <summary>
    /// State <paramref name="s"/>'s exp(A·Δ) by gap in steps (0 where not computed yet), when A is one nonzero value for
    /// every synapse; compiled code reads and fills it as <see cref="Advance"/> does.
    /// </summary>
    public T[]? FactorCache(int s) => _factors[s];

    /// <summary>Gaps shorter than this use <see cref="FactorCache"/>.</summary>
    public const int CachedGapCount = CachedGaps;

    /// <summary>Brings synapse <paramref name="k"/>'s event-driven states to step <paramref name="n"/>.</summary>
    public void Advance(int k, long n)
    {
        long gap = n - _last[k];
        if (gap == 0)
        {
            return;
        }
        _last[k] = n;
        T delta = Num<T>.From(gap * _dt);
        for (int s = 0; s < _states.Length; s++)
        {
            _states[s][k] = Advanced(s, k, gap, delta);
        }
    }

    /// <summary>Every synapse's states brought to step <paramref name="n"/> (before a clock rule or structural rule).</summary>
    public void AdvanceAll(long n)
    {
        for (int k = 0; k < _last.Length; k++)
        {
            Advance(k, n);
        }
    }

    /// <summary>The value state <paramref name="s"/> of synapse <paramref name="k"/> has at step <paramref name="n"/>, without changing it (for recording).</summary>
    public T ValueAt(int s, int k, long n)
    {
        long gap = n - _last[k];
        return gap == 0 ? _states[s][k] : Advanced(s, k, gap, Num<T>.From(gap * _dt));
    }

    /// <summary>Which of the event-driven states an array is (-1 when it is none).</summary>
    public int IndexOf(T[] state) => Array.IndexOf(_states, state);

    /// <summary>A grown synapse starts afresh: its states were set to their initial values at step <paramref name="n"/>.</summary>
    public void Restart(int k, long n) => _last[k] = n;

    private T Advanced(int s, int k, long gap, T delta)
    {
        T x = _states[s][k];
        T a = _sharedA[s] ?? _a[s][k];
        T b = _b[s].Length == 1 ? _b[s][0] : _b[s][k];
        if (a == T.Zero)
        {
            return x + b * delta;
        }
        T ba = b / a;
        return -ba + (ba + x) * Factor(s, a, gap, delta);
    }

    private T Factor(int s, T a, long gap, T delta)
    {
        if (_factors[s] is { } cache && gap < CachedGaps)
        {
            ref T slot = ref cache[gap];
            if (slot == T.Zero)
            {
                slot = Num<T>.Apply(MathFunction.Exp, a * delta);
            }
            return slot;
        }
        return Num<T>.Apply(MathFunction.Exp, a * delta);
    }
}
