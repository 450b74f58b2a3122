using System.Numerics;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// What every expression of a model may read besides its own group's variables: the model params
/// (fixed, or boxes the protocol changes), the model-level states, and the seed of its random draws.
/// The arrays are the run's own; the interpreter reads them where they are.
/// </summary>
public sealed class ModelContext<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Box<T>?[] _globals;

    /// <param name="globals">Per model param: its box when the protocol may change it, else null (its value is folded).</param>
    /// <param name="signals">Per model-level state: its one-element array.</param>
    public ModelContext(Network network, Box<T>?[] globals, T[][] signals)
    {
        Network = network;
        _globals = globals;
        Signals = signals;
    }

    public Network Network { get; }

    public T[][] Signals { get; }

    public ulong Seed => Network.Settings.Seed;

    /// <summary>The model-level states' own integrator (signals as states, plus model params and time); null without equations.</summary>
    public Stepper<T>? SignalStepper() =>
        Network.Signals.Integrator is { } integrator ? Stepper(integrator, ResolveSignalContext, 1, null) : null;

    /// <summary>A model-level state, read by any expression anywhere.</summary>
    internal VectorNode<T> Signal(int slot) => new SharedElementNode<T>(Signals[slot], 0);

    internal VectorNode<T> Global(int slot) => _globals[slot] is { } box
        ? new BoxNode<T>(box)
        : new ConstantNode<T>(Num<T>.From(Network.Globals[slot].Value));

    internal VectorNode<T> Compile(IrExpression expression, Func<VariableRef, VectorNode<T>> resolve) =>
        VectorCompiler<T>.Compile(expression, resolve, Seed);

    private VectorNode<T> ResolveSignalContext(VariableRef r) => r.Space switch
    {
        VariableSpace.Signal => new StateNode<T>(r.Slot),
        VariableSpace.Global => Global(r.Slot),
        VariableSpace.Time => new TimeNode<T>(),
        _ => throw new InvalidOperationException($"{r.Space} is not available in a model-level equation"),
    };

    /// <param name="resolve">How the group's expressions read a variable.</param>
    internal Stepper<T> Stepper(Integrator integrator, Func<VariableRef, VectorNode<T>> resolve, int size, double[][]? perElementPropagators)
    {
        switch (integrator)
        {
            case LinearPropagator linear:
                {
                    var b = linear.B.Select(e => Compile(e, resolve)).ToArray();
                    return linear.Matrices is { } shared
                        ? new LinearPropagatorStepper<T>(linear, b, shared, null, size)
                        : new LinearPropagatorStepper<T>(linear, b, null, perElementPropagators!, size);
                }
            case ExplicitIntegrator update:
                return new ExplicitStepper<T>(update, resolve, Seed);
            default:
                throw new InvalidOperationException($"no stepper for {integrator.GetType().Name}");
        }
    }
}
