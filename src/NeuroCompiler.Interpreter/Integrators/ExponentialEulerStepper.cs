using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// Exponential Euler, as Brian2 writes it: with BA = B/A, x ← −BA + (BA + x)·exp(A·dt); where A is
/// exactly zero, x ← x + B·dt. A and B of every state are evaluated before any state changes.
/// </summary>
internal sealed class ExponentialEulerStepper<T> : Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] _states;
    private readonly VectorNode<T>[] _a;
    private readonly VectorNode<T>[] _b;
    private readonly T[][] _aValues;
    private readonly T[][] _bValues;
    private readonly T _dt;

    public ExponentialEulerStepper(ExponentialEuler integrator, VectorNode<T>[] a, VectorNode<T>[] b, T dt)
    {
        _states = integrator.States.ToArray();
        _a = a;
        _b = b;
        _dt = dt;
        _aValues = _states.Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        _bValues = _states.Select(_ => new T[Frame<T>.BlockSize]).ToArray();
    }

    public override void Step(StateGroup<T> group, long step, T time)
    {
        var frame = group.Frame;
        foreach (var (start, length) in group.Blocks(step, time))
        {
            for (int k = 0; k < _states.Length; k++)
            {
                _a[k].Eval(frame).CopyTo(_aValues[k]);
                _b[k].Eval(frame).CopyTo(_bValues[k]);
            }
            for (int k = 0; k < _states.Length; k++)
            {
                int slot = _states[k];
                var x = group.States[slot];
                for (int i = 0; i < length; i++)
                {
                    int e = start + i;
                    if (group.IsHeld(slot, e))
                    {
                        continue;
                    }
                    T a = _aValues[k][i];
                    T b = _bValues[k][i];
                    if (a == T.Zero)
                    {
                        x[e] = x[e] + b * _dt;
                    }
                    else
                    {
                        T ba = b / a;
                        x[e] = -ba + (ba + x[e]) * Num<T>.Apply(MathFunction.Exp, a * _dt);
                    }
                }
            }
        }
    }
}
