using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// x ← P x + G b (or P x + c when b is constant), with the refractory matrices for refractory
/// elements. Each new value is accumulated as 0 + P[k,0] x0 + P[k,1] x1 + ... then the input terms,
/// in index order, skipping terms whose coefficient is exactly zero.
/// </summary>
internal sealed class LinearPropagatorStepper<T> : Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] _states;
    private readonly int _n;
    private readonly VectorNode<T>[]? _b;
    // Shared matrices (row-major n×n), or per element: [element][n*n].
    private readonly T[]? _p, _g, _pr, _gr, _c, _cr;
    private readonly T[][]? _pe, _ge, _pre, _gre;
    private readonly T[][] _next;
    private readonly (int Column, T Coefficient)[][] _terms = Array.Empty<(int, T)[]>();
    private readonly (int Column, T Coefficient)[][] _inputTerms = Array.Empty<(int, T)[]>();

    private (int, T)[][] NonZero(T[] matrix) => Enumerable.Range(0, _n)
        .Select(k => Enumerable.Range(0, _n).Where(j => matrix[k * _n + j] != T.Zero).Select(j => (j, matrix[k * _n + j])).ToArray())
        .ToArray();
    private readonly T[][]? _bValues;

    public LinearPropagatorStepper(LinearPropagator integrator, VectorNode<T>[]? b, PropagatorMatrices? shared, double[][]? perElement, int size)
    {
        _states = integrator.States.ToArray();
        _n = _states.Length;
        _b = integrator.Input is null ? b : null;
        static T[] Convert(IEnumerable<double> values) => values.Select(Num<T>.From).ToArray();
        if (shared is not null)
        {
            _p = Convert(shared.P);
            _g = Convert(shared.G);
            _pr = Convert(shared.RefractoryP);
            _gr = Convert(shared.RefractoryG);
            if (integrator.Input is { } c)
            {
                _c = Convert(c);
                _cr = Convert(integrator.RefractoryInput!.Value);
            }
        }
        else
        {
            // perElement[e] = P | G | P_ref | G_ref, each n*n.
            int m = _n * _n;
            _pe = perElement!.Select(a => Convert(a.Take(m))).ToArray();
            _ge = perElement!.Select(a => Convert(a.Skip(m).Take(m))).ToArray();
            _pre = perElement!.Select(a => Convert(a.Skip(2 * m).Take(m))).ToArray();
            _gre = perElement!.Select(a => Convert(a.Skip(3 * m).Take(m))).ToArray();
        }
        _next = Enumerable.Range(0, _n).Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        if (_p is not null)
        {
            _terms = NonZero(_p);
            _inputTerms = NonZero(_g!);
        }
        _bValues = _b is null ? null : Enumerable.Range(0, _n).Select(_ => new T[Frame<T>.BlockSize]).ToArray();
    }

    public override void Step(StateGroup<T> group, long step, T time)
    {
        var frame = group.Frame;
        foreach (var (start, length) in group.Blocks(step, time))
        {
            if (_b is not null)
            {
                for (int k = 0; k < _n; k++)
                {
                    _b[k].Eval(frame).CopyTo(_bValues![k]);
                }
            }
            if (_p is not null)
            {
                SharedBlock(group, start, length);
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    int e = start + i;
                    bool refractory = group.Refractory is { } r && r[e];
                    Element(group.States, e, i, refractory ? _pre![e] : _pe![e], refractory ? _gre![e] : _ge![e], null);
                }
            }
            for (int k = 0; k < _n; k++)
            {
                _next[k].AsSpan(0, length).CopyTo(group.States[_states[k]].AsSpan(start, length));
            }
        }
    }

    /// <summary>
    /// Shared matrices: every element of the block with the normal propagator, term by term over the
    /// block (0 + P[k,0] x0 + P[k,1] x1 + ... in index order, as the scalar rule), then the refractory
    /// elements again with theirs.
    /// </summary>
    private void SharedBlock(StateGroup<T> group, int start, int length)
    {
        var states = group.States;
        for (int k = 0; k < _n; k++)
        {
            var next = _next[k].AsSpan(0, length);
            next.Clear();
            foreach (var (j, coefficient) in _terms[k])
            {
                Spans<T>.AddScaled(next, coefficient, states[_states[j]].AsSpan(start, length));
            }
            if (_c is not null)
            {
                if (_c[k] != T.Zero)
                {
                    Spans<T>.Add(next, _c[k]);
                }
            }
            else if (_bValues is not null)
            {
                foreach (var (j, coefficient) in _inputTerms[k])
                {
                    Spans<T>.AddScaled(next, coefficient, _bValues[j].AsSpan(0, length));
                }
            }
        }
        if (group.Refractory is { } refractory)
        {
            for (int i = 0; i < length; i++)
            {
                if (refractory[start + i])
                {
                    Element(states, start + i, i, _pr!, _gr!, _cr);
                }
            }
        }
    }

    /// <summary>One element with given matrices: acc = 0 + Σ P[k,j] x_j (non-zero terms, index order) + input.</summary>
    private void Element(T[][] states, int e, int i, T[] p, T[] g, T[]? c)
    {
        for (int k = 0; k < _n; k++)
        {
            T acc = T.Zero;
            int row = k * _n;
            for (int j = 0; j < _n; j++)
            {
                T coefficient = p[row + j];
                if (coefficient != T.Zero)
                {
                    acc += coefficient * states[_states[j]][e];
                }
            }
            if (c is not null)
            {
                if (c[k] != T.Zero)
                {
                    acc += c[k];
                }
            }
            else if (_bValues is not null)
            {
                for (int j = 0; j < _n; j++)
                {
                    T coefficient = g[row + j];
                    if (coefficient != T.Zero)
                    {
                        acc += coefficient * _bValues[j][i];
                    }
                }
            }
            _next[k][i] = acc;
        }
    }
}
