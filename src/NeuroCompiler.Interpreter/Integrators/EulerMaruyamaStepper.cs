using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// Euler–Maruyama: x ← (x + f·dt) + g₁·√dt·ξ₁ + g₂·√dt·ξ₂ + ..., each ξ a standard normal keyed by
/// (seed, the noise's stream, element, step), so every state driven by the same xi sees the same ξ.
/// </summary>
internal sealed class EulerMaruyamaStepper<T> : Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] _states;
    private readonly VectorNode<T>[] _drift;
    private readonly (int Noise, VectorNode<T> Coefficient)[][] _diffusion;
    private readonly uint[] _streams;
    private readonly ulong _seed;
    private readonly T _dt;
    private readonly T _sqrtDt;
    private readonly T[][] _f;
    private readonly T[][][] _g;

    public EulerMaruyamaStepper(EulerMaruyama integrator, VectorNode<T>[] drift, (int, VectorNode<T>)[][] diffusion, ulong seed, T dt)
    {
        _states = integrator.States.ToArray();
        _drift = drift;
        _diffusion = diffusion;
        _streams = integrator.NoiseStreams.ToArray();
        _seed = seed;
        _dt = dt;
        _sqrtDt = T.Sqrt(dt);
        _f = _states.Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        _g = diffusion.Select(terms => terms.Select(_ => new T[Frame<T>.BlockSize]).ToArray()).ToArray();
    }

    public override void Step(StateGroup<T> group, long step, T time)
    {
        var frame = group.Frame;
        foreach (var (start, length) in group.Blocks(step, time))
        {
            for (int k = 0; k < _states.Length; k++)
            {
                _drift[k].Eval(frame).CopyTo(_f[k]);
                for (int t = 0; t < _diffusion[k].Length; t++)
                {
                    _diffusion[k][t].Coefficient.Eval(frame).CopyTo(_g[k][t]);
                }
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
                    T value = x[e] + _f[k][i] * _dt;
                    for (int t = 0; t < _diffusion[k].Length; t++)
                    {
                        T xi = Num<T>.Normal(_seed, _streams[_diffusion[k][t].Noise], (uint)e, (ulong)step);
                        value += _g[k][t][i] * _sqrtDt * xi;
                    }
                    x[e] = value;
                }
            }
        }
    }
}
