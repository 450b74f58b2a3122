using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// Forward Euler, midpoint (RK2) and classic RK4. Stages are evaluated by pointing the frame at
/// stage values; a held state's derivative is zero. The update is written
/// Euler: x + dt·k1; midpoint: x + dt·k2 with k2 at x + (dt/2)·k1, t + dt/2;
/// RK4: x + (dt/6)·(((k1 + 2·k2) + 2·k3) + k4).
/// </summary>
internal sealed class RungeKuttaStepper<T> : Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly RungeKuttaMethod _method;
    private readonly int[] _states;
    private readonly VectorNode<T>[] _derivatives;
    private readonly T _dt;
    private readonly T _half;
    private readonly T _sixth;
    private readonly T _two;
    private readonly T[][] _k;
    private readonly T[][] _stage;
    private T[][]? _stageStates;

    public RungeKuttaStepper(RungeKutta integrator, VectorNode<T>[] derivatives, T dt, int size)
    {
        _method = integrator.Method;
        _states = integrator.States.ToArray();
        _derivatives = derivatives;
        _dt = dt;
        _half = dt / T.CreateTruncating(2);
        _sixth = dt / T.CreateTruncating(6);
        _two = T.CreateTruncating(2);
        int stages = _method switch { RungeKuttaMethod.Euler => 1, RungeKuttaMethod.Midpoint => 2, _ => 4 };
        _k = Enumerable.Range(0, stages * _states.Length).Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        _stage = _states.Select(_ => new T[size]).ToArray();
    }

    private T[] K(int stage, int state) => _k[stage * _states.Length + state];

    public override void Step(StateGroup<T> group, long step, T time)
    {
        var frame = group.Frame;
        var original = group.States;
        _stageStates ??= BuildStageStates(original);
        frame.Step = step;
        for (int start = 0; start < group.Size; start += Frame<T>.BlockSize)
        {
            int length = Math.Min(Frame<T>.BlockSize, group.Size - start);
            frame.Start = start;
            frame.Length = length;
            Derivatives(group, original, time, 0, start, length);
            if (_method == RungeKuttaMethod.Euler)
            {
                Update(group, start, length, (k, i) => K(0, k)[i], _dt);
                continue;
            }
            if (_method == RungeKuttaMethod.Midpoint)
            {
                Stage(original, start, length, 0, _half);
                Derivatives(group, _stageStates, time + _half, 1, start, length);
                Update(group, start, length, (k, i) => K(1, k)[i], _dt);
                continue;
            }
            Stage(original, start, length, 0, _half);
            Derivatives(group, _stageStates, time + _half, 1, start, length);
            Stage(original, start, length, 1, _half);
            Derivatives(group, _stageStates, time + _half, 2, start, length);
            Stage(original, start, length, 2, _dt);
            Derivatives(group, _stageStates, time + _dt, 3, start, length);
            Update(group, start, length, (k, i) => ((K(0, k)[i] + _two * K(1, k)[i]) + _two * K(2, k)[i]) + K(3, k)[i], _sixth);
        }
        frame.States = original;
    }

    private T[][] BuildStageStates(T[][] original)
    {
        var stage = (T[][])original.Clone();
        for (int k = 0; k < _states.Length; k++)
        {
            stage[_states[k]] = _stage[k];
        }
        return stage;
    }

    private void Derivatives(StateGroup<T> group, T[][] states, T time, int stage, int start, int length)
    {
        var frame = group.Frame;
        frame.States = states;
        frame.Time = time;
        for (int k = 0; k < _states.Length; k++)
        {
            var values = _derivatives[k].Eval(frame);
            var target = K(stage, k);
            for (int i = 0; i < length; i++)
            {
                target[i] = group.IsHeld(_states[k], start + i) ? T.Zero : values[i];
            }
        }
        frame.States = group.States;
    }

    /// <summary>Stage values x + h·k_stage for the block.</summary>
    private void Stage(T[][] original, int start, int length, int stage, T h)
    {
        for (int k = 0; k < _states.Length; k++)
        {
            var x = original[_states[k]];
            var kv = K(stage, k);
            var target = _stage[k];
            for (int i = 0; i < length; i++)
            {
                target[start + i] = x[start + i] + h * kv[i];
            }
        }
    }

    private void Update(StateGroup<T> group, int start, int length, Func<int, int, T> increment, T h)
    {
        for (int k = 0; k < _states.Length; k++)
        {
            var x = group.States[_states[k]];
            for (int i = 0; i < length; i++)
            {
                x[start + i] = x[start + i] + h * increment(k, i);
            }
        }
    }
}
