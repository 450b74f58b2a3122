using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// An explicit method as its descriptor lowered it (<see cref="ExplicitIntegrator"/>): block by block,
/// each local in order, then every state's new value, then the new values written. The expressions are
/// the ones the compiled kernels evaluate, so the arithmetic is theirs by construction.
/// </summary>
internal sealed class ExplicitStepper<T> : Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] _states;
    private readonly T[][] _localValues;
    private readonly T[][] _nextValues;
    private readonly VectorNode<T>[] _locals;
    private readonly VectorNode<T>[] _next;
    private bool[]? _refractory;

    /// <param name="resolve">How the group's expressions read everything but the update's own locals and the refractory flag.</param>
    public ExplicitStepper(ExplicitIntegrator integrator, Func<VariableRef, VectorNode<T>> resolve, ulong seed)
    {
        _states = integrator.States.ToArray();
        _localValues = integrator.Locals.Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        _nextValues = integrator.Next.Select(_ => new T[Frame<T>.BlockSize]).ToArray();
        VectorNode<T> Resolve(VariableRef r) => r.Space switch
        {
            VariableSpace.Local => new BlockNode<T>(_localValues[r.Slot]),
            VariableSpace.Refractory => new FlagNode<T>(() => _refractory),
            _ => resolve(r),
        };
        _locals = integrator.Locals.Select(e => VectorCompiler<T>.Compile(e, Resolve, seed)).ToArray();
        _next = integrator.Next.Select(e => VectorCompiler<T>.Compile(e, Resolve, seed)).ToArray();
    }

    public override void Step(StateGroup<T> group, long step, T time)
    {
        _refractory = group.Refractory;
        var frame = group.Frame;
        foreach (var (start, length) in group.Blocks(step, time))
        {
            for (int k = 0; k < _locals.Length; k++)
            {
                _locals[k].Eval(frame).CopyTo(_localValues[k]);
            }
            for (int k = 0; k < _next.Length; k++)
            {
                _next[k].Eval(frame).CopyTo(_nextValues[k]);
            }
            for (int k = 0; k < _states.Length; k++)
            {
                _nextValues[k].AsSpan(0, length).CopyTo(group.States[_states[k]].AsSpan(start, length));
            }
        }
    }
}
