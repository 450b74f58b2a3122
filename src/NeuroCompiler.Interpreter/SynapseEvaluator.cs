using System.Numerics;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// A projection's synapse model as the interpreter evaluates it over the run's arrays. Two contexts:
/// an event handler runs for one synapse, reading its pre and post neuron where the frame says
/// (<see cref="Statements"/>); clock-driven code (equations, clock rules, structural conditions) runs over
/// blocks of synapses, reading each synapse's neurons through its index (<see cref="Vector"/>).
/// </summary>
public sealed class SynapseEvaluator<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ModelContext<T> _model;
    private readonly Projection _projection;
    private readonly T[]?[] _values;
    private readonly NeuronEvaluator<T>? _pre;
    private readonly NeuronEvaluator<T>? _post;
    private readonly StateGroup<T>? _synapses;
    private readonly Func<int[]> _targets;
    private readonly int[]? _preOfSynapse;

    /// <param name="values">Per synapse variable (parameters, then states): its per-synapse array, null for a shared parameter.</param>
    /// <param name="pre">The source population's neurons (null for one without a model).</param>
    /// <param name="post">The target population's neurons.</param>
    /// <param name="synapses">The synapse states as a group, for clock-driven code; null when the projection has none.</param>
    /// <param name="targets">Each synapse's target neuron (made on first use).</param>
    /// <param name="preOfSynapse">Each synapse's source neuron, for clock-driven code.</param>
    public SynapseEvaluator(ModelContext<T> model, Projection projection, T[]?[] values, NeuronEvaluator<T>? pre, NeuronEvaluator<T>? post,
        StateGroup<T>? synapses, Func<int[]> targets, int[]? preOfSynapse)
    {
        _model = model;
        _projection = projection;
        _values = values;
        _pre = pre;
        _post = post;
        _synapses = synapses;
        _targets = targets;
        _preOfSynapse = preOfSynapse;
    }

    private SynapseModel Model => _projection.Synapse;

    /// <summary>
    /// A handler's statements in the event context. With <paramref name="origin"/> (<c>on_pre</c>, <c>on_post</c>),
    /// a statement that writes a synapse variable says so (<see cref="HandlerStatement{T}.Written"/>).
    /// </summary>
    public HandlerStatement<T>[] Statements(IEnumerable<Assignment> assignments, string? origin) =>
        assignments.Select(a => Statement(a, origin)).ToArray();

    /// <summary>An expression over blocks of synapses (the clock-driven context).</summary>
    public VectorNode<T> Vector(IrExpression expression) => _model.Compile(expression, ResolveVector);

    /// <summary>The integrator of the synapses' clock-driven equations; null without any.</summary>
    public Stepper<T>? Stepper() =>
        Model.Integrator is { } integrator ? _model.Stepper(integrator, ResolveVector, _projection.Synapses!.Count, null) : null;

    /// <summary>A clock rule as vector statements over blocks of synapses, when every statement writes a synapse variable; else null.</summary>
    public (T[] Target, AssignOperator Operator, VectorNode<T> Value)[]? VectorStatements(IReadOnlyList<Assignment> statements) =>
        statements.All(a => a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState)
            ? statements.Select(a => (Variable(a.Target), a.Operator, Vector(a.Value))).ToArray()
            : null;

    /// <summary>An expression's value per synapse (one value when the IR has a constant), evaluated once.</summary>
    public T[] PerSynapse(IrExpression expression)
    {
        if (expression is IrConstant c)
        {
            return new[] { Num<T>.From(c.Value) };
        }
        var node = Vector(expression);
        var group = _synapses!;
        var result = new T[group.Size];
        foreach (var (start, length) in group.Blocks(0, T.Zero))
        {
            node.Eval(group.Frame).CopyTo(result.AsSpan(start, length));
        }
        return result;
    }

    /// <summary>A synapse variable's array (parameters, then states).</summary>
    public T[] Variable(VariableRef r) => _values[r.Space == VariableSpace.SynapseState ? Model.Parameters.Length + r.Slot : r.Slot]!;

    /// <summary>A clock rule's vector statements over every synapse: statement by statement, block by block.</summary>
    public void Run((T[] Target, AssignOperator Operator, VectorNode<T> Value)[] statements, long step, T time)
    {
        var group = _synapses!;
        foreach (var (target, op, value) in statements)
        {
            foreach (var (start, length) in group.Blocks(step, time))
            {
                var values = value.Eval(group.Frame);
                var span = target.AsSpan(start, length);
                for (int i = 0; i < length; i++)
                {
                    span[i] = Handler<T>.Assign(span[i], op, values[i]);
                }
            }
        }
    }

    /// <summary>A clock rule's statements synapse by synapse, in rank order, for the synapses that exist (all, without <paramref name="exists"/>).</summary>
    public void Run(HandlerStatement<T>[] statements, Frame<T> frame, T[]? exists, long step, T time)
    {
        frame.Step = step;
        frame.Time = time;
        var targets = _targets();
        for (int k = 0; k < targets.Length; k++)
        {
            if (exists is not null && exists[k] == T.Zero)
            {
                continue;
            }
            frame.Start = k;
            frame.Pre = _preOfSynapse![k];
            frame.Post = targets[k];
            Handler<T>.Apply(statements, frame);
        }
    }

    /// <summary>Whether a condition holds for each synapse at step <paramref name="step"/>.</summary>
    public bool[] Holds(VectorNode<T> condition, long step, T time)
    {
        var group = _synapses!;
        var result = new bool[group.Size];
        foreach (var (start, length) in group.Blocks(step, time))
        {
            var values = condition.Eval(group.Frame);
            for (int i = 0; i < length; i++)
            {
                result[start + i] = values[i] != T.Zero;
            }
        }
        return result;
    }

    /// <summary>A value at each of <paramref name="synapses"/> (one by one), at step <paramref name="step"/>.</summary>
    public T[] At(VectorNode<T> value, List<int> synapses, long step, T time)
    {
        var result = new T[synapses.Count];
        var frame = _synapses!.Frame;
        frame.Step = step;
        frame.Time = time;
        frame.Length = 1;
        for (int g = 0; g < synapses.Count; g++)
        {
            frame.Start = synapses[g];
            result[g] = value.Eval(frame)[0];
        }
        return result;
    }

    private HandlerStatement<T> Statement(Assignment a, string? origin)
    {
        var value = _model.Compile(a.Value, Resolve);
        var r = a.Target;
        int parameterCount = Model.Parameters.Length;
        var neuron = r.Side == Side.Post ? _post : _pre;
        return r.Space switch
        {
            VariableSpace.SynapseParameter => new HandlerStatement<T>(_values[r.Slot]!, HandlerIndex.Synapse, a.Operator, value, null)
            {
                Written = origin is null ? null : (_projection.Index, r.Slot, origin),
            },
            VariableSpace.SynapseState => new HandlerStatement<T>(_values[parameterCount + r.Slot]!, HandlerIndex.Synapse, a.Operator, value, null)
            {
                Written = origin is null ? null : (_projection.Index, parameterCount + r.Slot, origin),
            },
            VariableSpace.Signal => new HandlerStatement<T>(_model.Signals[r.Slot], HandlerIndex.Model, a.Operator, value, null),
            _ => new HandlerStatement<T>(neuron!.Group.States[r.Slot], r.Side == Side.Post ? HandlerIndex.Post : HandlerIndex.Pre, a.Operator, value,
                neuron.Group.Clamped[r.Slot] ? neuron.Refractory : null),
        };
    }

    /// <summary>Variables as an event handler reads them: the frame's synapse, its pre and post neuron.</summary>
    private VectorNode<T> Resolve(VariableRef r) => r.Space switch
    {
        VariableSpace.SynapseParameter => _values[r.Slot] is { } values ? new ArrayNode<T>(values) : _model.Compile(Model.Parameters[r.Slot].Initial, Resolve),
        VariableSpace.SynapseState => new ArrayNode<T>(_values[Model.Parameters.Length + r.Slot]!),
        VariableSpace.NeuronState or VariableSpace.NeuronParameter => r.Side == Side.Post ? NeuronVariable(_post!, r, true) : NeuronVariable(_pre!, r, false),
        VariableSpace.Index => new EventIndexNode<T>(r.Side == Side.Post),
        VariableSpace.Global => _model.Global(r.Slot),
        VariableSpace.Signal => _model.Signal(r.Slot),
        VariableSpace.Time => new TimeNode<T>(),
        _ => throw new InvalidOperationException($"{r.Space} is not available in a synapse handler"),
    };

    private static VectorNode<T> NeuronVariable(NeuronEvaluator<T> owner, VariableRef r, bool isPost)
    {
        if (r.Space == VariableSpace.NeuronState)
        {
            return new EventNeuronNode<T>(owner.Group.States[r.Slot], isPost);
        }
        return owner.Parameters[r.Slot] is { } array ? new EventNeuronNode<T>(array, isPost)
            : owner.SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
            : new ConstantNode<T>(Num<T>.From(InitialValue(owner, r.Slot)));
    }

    /// <summary>Variables as clock-driven code reads them: per synapse, or the pre/post neuron's through an index.</summary>
    private VectorNode<T> ResolveVector(VariableRef r)
    {
        int[] index = r.Side == Side.Post ? _targets() : _preOfSynapse!;
        var owner = r.Side == Side.Post ? _post : _pre;
        return r.Space switch
        {
            VariableSpace.SynapseState => new StateNode<T>(r.Slot),
            VariableSpace.SynapseParameter => _values[r.Slot] is { } values ? new ArrayNode<T>(values) : Vector(Model.Parameters[r.Slot].Initial),
            VariableSpace.NeuronState => new GatherNode<T>(owner!.Group.States[r.Slot], index),
            VariableSpace.NeuronParameter => owner!.Parameters[r.Slot] is { } array ? new GatherNode<T>(array, index)
                : owner.SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
                : new ConstantNode<T>(Num<T>.From(InitialValue(owner, r.Slot))),
            VariableSpace.Global => _model.Global(r.Slot),
            VariableSpace.Signal => _model.Signal(r.Slot),
            VariableSpace.Time => new TimeNode<T>(),
            VariableSpace.Index => new IndexGatherNode<T>(index),
            _ => throw new InvalidOperationException($"{r.Space} is not available in a synapse equation"),
        };
    }

    private static double InitialValue(NeuronEvaluator<T> owner, int slot) =>
        owner.Model.Parameters[slot].Initial is IrConstant c ? c.Value : throw new InvalidOperationException("a shared parameter should be constant by now");
}
