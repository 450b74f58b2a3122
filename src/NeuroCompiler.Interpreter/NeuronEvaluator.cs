using System.Numerics;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// A population's neuron model as the interpreter evaluates it over the run's arrays: what each
/// variable reference reads, the integrator, the threshold condition and the reset.
/// </summary>
public sealed class NeuronEvaluator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ModelContext<T> _model;
    private readonly Population _population;
    private readonly InitialValues _initial;
    private readonly T[][]? _positions;
    private readonly VectorNode<T>? _threshold;

    /// <summary>The reset's statements: the array written (a state's, or a model-level state's with one element) and how.</summary>
    private readonly (T[] Target, bool PerNeuron, AssignOperator Operator, VectorNode<T> Value)[] _reset;

    /// <param name="group">The population's states; its states clamped while refractory are marked here, and its refractoriness is <paramref name="refractory"/> when the model has any.</param>
    /// <param name="parameters">Per parameter, its per-neuron values as expressions read them (null when shared).</param>
    /// <param name="sharedParameters">Per parameter, the box of a shared one the protocol changes (null otherwise: the initial value is folded).</param>
    /// <param name="positions">x, y and z per neuron, when the population has a layout.</param>
    /// <param name="refractory">Which neurons are refractory this step (kept up to date by the run).</param>
    public NeuronEvaluator(ModelContext<T> model, Population population, InitialValues initial, StateGroup<T> group,
        T[]?[] parameters, Box<T>?[] sharedParameters, T[][]? positions, bool[] refractory)
    {
        _model = model;
        _population = population;
        _initial = initial;
        _positions = positions;
        Group = group;
        Parameters = parameters;
        SharedParameters = sharedParameters;
        Refractory = refractory;
        var neuron = Model;
        _threshold = neuron.Threshold is null ? null : Compile(neuron.Threshold);
        _reset = neuron.Reset.Select(a => (a.Target.Space == VariableSpace.Signal ? model.Signals[a.Target.Slot] : group.States[a.Target.Slot],
            a.Target.Space != VariableSpace.Signal, a.Operator, Compile(a.Value))).ToArray();
        if (neuron.Refractory is { } rule)
        {
            foreach (int slot in rule.ClampedStates)
            {
                group.Clamped[slot] = true;
            }
            group.Refractory = refractory;
        }
        Propagators = neuron.Integrator is LinearPropagator { Matrices: null } perElement
            ? PerElementPropagators(perElement, initial, population.Size, neuron.Refractory?.ClampedStates, model.Network.Settings.Dt)
            : null;
        Stepper = neuron.Integrator is { } integrator ? model.Stepper(integrator, Resolve, population.Size, Propagators) : null;
    }

    public NeuronModel Model => _population.Model!;

    public StateGroup<T> Group { get; }

    public T[]?[] Parameters { get; }

    public Box<T>?[] SharedParameters { get; }

    public bool[] Refractory { get; }

    /// <summary>The integrator of the model's equations; null without any.</summary>
    public Stepper<T>? Stepper { get; }

    public bool HasThreshold => _threshold is not null;

    /// <summary>Whether the reset changes a model-level state (so it must run neuron by neuron, in order).</summary>
    public bool ResetWritesSignals => _reset.Any(r => !r.PerNeuron);

    /// <summary>Each neuron's P, G, refractory P and refractory G (n×n each), when A differs between neurons; else null.</summary>
    public double[][]? Propagators { get; }

    /// <summary>An expression in this population's context (a recorded value).</summary>
    public VectorNode<T> Compile(IrExpression expression) => _model.Compile(expression, Resolve);

    /// <summary>The neurons whose threshold condition holds at step <paramref name="step"/>, neither refractory (when the model has refractoriness) nor silenced, ascending into <paramref name="into"/>; returns how many.</summary>
    public int Spikes(long step, T time, int[] silenceDepth, int[] into)
    {
        var threshold = _threshold!;
        bool[]? refractory = Model.Refractory is null ? null : Refractory;
        int count = 0;
        int size = _population.Size;
        var frame = Group.Frame;
        frame.Step = step;
        frame.Time = time;
        for (int start = 0; start < size; start += Frame<T>.BlockSize)
        {
            frame.Start = start;
            frame.Length = Math.Min(Frame<T>.BlockSize, size - start);
            var condition = threshold.Eval(frame);
            for (int i = 0; i < condition.Length; i++)
            {
                int neuron = start + i;
                if (condition[i] != T.Zero && (refractory is null || !refractory[neuron]) && silenceDepth[neuron] == 0)
                {
                    into[count++] = neuron;
                }
            }
        }
        return count;
    }

    /// <summary>The reset of the spiking neurons of step <paramref name="step"/>, neuron by neuron in order.</summary>
    public void Reset(ReadOnlySpan<int> spiked, long step, T time)
    {
        var frame = Group.Frame;
        frame.Step = step;
        frame.Time = time;
        frame.Length = 1;
        foreach (int neuron in spiked)
        {
            frame.Start = neuron;
            foreach (var (target, perNeuron, op, value) in _reset)
            {
                T v = value.Eval(frame)[0];
                int index = perNeuron ? neuron : 0;
                target[index] = Handler<T>.Assign(target[index], op, v);
            }
        }
    }

    /// <summary>Each neuron's P, G, refractory P and refractory G (n×n each), when A differs between neurons.</summary>
    private static double[][] PerElementPropagators(LinearPropagator linear, InitialValues initial, int size, IReadOnlyList<int>? refractoryClamped, double dt)
    {
        int n = linear.States.Length;
        var clamped = (refractoryClamped ?? Array.Empty<int>()).Select(s => linear.States.IndexOf(s)).Where(k => k >= 0).ToList();
        var entries = linear.A.Select(a => initial.Evaluate(a)).ToArray();
        var perElement = new double[size][];
        for (int e = 0; e < size; e++)
        {
            var a = entries.Select(column => column[e]).ToArray();
            if (!a.All(double.IsFinite))
            {
                // From a parameter that is not finite (the run stops before step 0, naming it) or one
                // that makes a rate infinite (tau = 0): matrices of NaN, so the neuron's state is NaN
                // after its first update and the run stops there.
                perElement[e] = Enumerable.Repeat(double.NaN, 4 * n * n).ToArray();
                continue;
            }
            var (m, _, _) = PropagatorBuilder.Compute(a, n, dt, clamped, null);
            perElement[e] = m.P.Concat(m.G).Concat(m.RefractoryP).Concat(m.RefractoryG).ToArray();
        }
        return perElement;
    }

    private VectorNode<T> Resolve(VariableRef r) => r.Space switch
    {
        VariableSpace.NeuronState => new StateNode<T>(r.Slot),
        VariableSpace.NeuronParameter => Parameters[r.Slot] is { } array ? new ArrayNode<T>(array)
            : SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
            : new ConstantNode<T>(Num<T>.From(_initial.Parameter(r.Slot).FirstOrDefault())),
        VariableSpace.Global => _model.Global(r.Slot),
        VariableSpace.Signal => _model.Signal(r.Slot),
        VariableSpace.Time => new TimeNode<T>(),
        VariableSpace.Index => new IndexNode<T>(0),
        VariableSpace.Size => new ConstantNode<T>(T.CreateTruncating(_population.Size)),
        VariableSpace.PositionX => new ArrayNode<T>(_positions![0]),
        VariableSpace.PositionY => new ArrayNode<T>(_positions![1]),
        VariableSpace.PositionZ => new ArrayNode<T>(_positions![2]),
        _ => throw new InvalidOperationException($"{r.Space} is not available in a neuron model"),
    };
}
