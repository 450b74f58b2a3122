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
        _bValues = _b is null ? null : Enumerable.Range(0, _n).Select(_ => new T[Frame<T>.BlockSize]).ToArray();
    }

    public override void Step(StateGroup<T> group, long step, T time)
    {
        var states = group.States;
        var frame = group.Frame;
        frame.Step = step;
        frame.Time = time;
        for (int start = 0; start < group.Size; start += Frame<T>.BlockSize)
        {
            int length = Math.Min(Frame<T>.BlockSize, group.Size - start);
            frame.Start = start;
            frame.Length = length;
            if (_b is not null)
            {
                for (int k = 0; k < _n; k++)
                {
                    _b[k].Eval(frame).CopyTo(_bValues![k]);
                }
            }
            for (int i = 0; i < length; i++)
            {
                int e = start + i;
                bool refractory = group.Refractory is { } r && r[e];
                var p = _p is not null ? (refractory ? _pr! : _p) : (refractory ? _pre![e] : _pe![e]);
                var g = _g is not null ? (refractory ? _gr! : _g) : (refractory ? _gre![e] : _ge![e]);
                var c = refractory ? _cr : _c;
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
            for (int k = 0; k < _n; k++)
            {
                _next[k].AsSpan(0, length).CopyTo(states[_states[k]].AsSpan(start, length));
            }
        }
    }
}
