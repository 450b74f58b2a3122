using System.Numerics;
using System.Runtime.InteropServices;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

// Projections: synapse variables, compiled handlers, incoming lists, clock-driven synapse equations.
internal sealed partial class Simulation<T>
{
    private ProjectionRuntime<T> BuildProjection(Projection projection)
    {
        var runtime = new ProjectionRuntime<T>(projection);
        var model = projection.Synapse;
        var connectivity = projection.Synapses!;
        int parameterCount = model.Parameters.Length;
        runtime.Values = new T[]?[parameterCount + model.States.Length];
        for (int v = 0; v < runtime.Values.Length; v++)
        {
            if (connectivity.Values[v] is { } column)
            {
                // (Mutable: written by a handler, a clock rule or a spread; the IR's own array must stay as built.)
                bool readOnly = v < parameterCount && !model.Parameters[v].Mutable;
                runtime.Values[v] = readOnly ? Shared(column) : Copy(column);
            }
        }
        var pre = _populations[projection.Source.Population];
        var post = _populations[projection.Target.Population];

        VectorNode<T> NeuronVariable(PopulationRuntime<T> owner, VariableRef r, bool isPost)
        {
            if (r.Space == VariableSpace.NeuronState)
            {
                return new EventNeuronNode<T>(owner.States[r.Slot], isPost);
            }
            return owner.Parameters[r.Slot] is { } array ? new EventNeuronNode<T>(array, isPost)
                : owner.SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
                : new ConstantNode<T>(Num<T>.From(InitialValue(owner, r.Slot)));
        }

        VectorNode<T> Resolve(VariableRef r) => r.Space switch
        {
            VariableSpace.SynapseParameter => runtime.Values[r.Slot] is { } values ? new ArrayNode<T>(values)
                : VectorCompiler<T>.Compile(model.Parameters[r.Slot].Initial, Resolve, _seed),
            VariableSpace.SynapseState => new ArrayNode<T>(runtime.Values[parameterCount + r.Slot]!),
            VariableSpace.NeuronState or VariableSpace.NeuronParameter => r.Side == Side.Post ? NeuronVariable(post, r, true) : NeuronVariable(pre, r, false),
            VariableSpace.Index => new EventIndexNode<T>(r.Side == Side.Post),
            VariableSpace.Global => Global(r.Slot),
            VariableSpace.Signal => Signal(r.Slot),
            VariableSpace.Time => new TimeNode<T>(),
            _ => throw new InvalidOperationException($"{r.Space} is not available in a synapse handler"),
        };

        HandlerStatement<T> Statement(Assignment a, string? origin)
        {
            var value = VectorCompiler<T>.Compile(a.Value, Resolve, _seed);
            var r = a.Target;
            var neuron = r.Side == Side.Post ? post : pre;
            return r.Space switch
            {
                VariableSpace.SynapseParameter => new HandlerStatement<T>(runtime.Values[r.Slot]!, HandlerIndex.Synapse, a.Operator, value, null)
                {
                    Written = origin is null ? null : (projection.Index, r.Slot, origin),
                },
                VariableSpace.SynapseState => new HandlerStatement<T>(runtime.Values[parameterCount + r.Slot]!, HandlerIndex.Synapse, a.Operator, value, null)
                {
                    Written = origin is null ? null : (projection.Index, parameterCount + r.Slot, origin),
                },
                VariableSpace.Signal => new HandlerStatement<T>(_signals.States[r.Slot], HandlerIndex.Model, a.Operator, value, null),
                _ => new HandlerStatement<T>(neuron.States[r.Slot], r.Side == Side.Post ? HandlerIndex.Post : HandlerIndex.Pre, a.Operator, value,
                    neuron.Group.Clamped[r.Slot] ? neuron.Refractory : null),
            };
        }

        if (model.OnPost.Length > 0 || model.Integrator is not null || model.EventDriven is not null || !model.ClockRules.IsEmpty ||
            !model.Structure.IsEmpty || _network.Spreads.Any(s => s.Source == projection.Index || s.Target == projection.Index))
        {
            BuildIncoming(runtime, post.Size);
            runtime.SynapseStates = BuildSynapseGroup(runtime, pre, post);
        }
        VectorNode<T> Vector(IrExpression e) => VectorCompiler<T>.Compile(e, r => ResolveVector(r, runtime, pre, post), _seed);
        if (model.Integrator is { } integrator)
        {
            runtime.Stepper = BuildStepper(integrator, r => ResolveVector(r, runtime, pre, post), connectivity.Count, null);
        }
        if (model.EventDriven is { } eventDriven)
        {
            runtime.EventDriven = BuildEventDriven(runtime, eventDriven, Vector);
        }
        if (!model.Structure.IsEmpty)
        {
            runtime.Structure = BuildStructure(runtime, Vector);
        }
        runtime.OnPre = model.OnPre.Select(a => Statement(a, "on_pre")).ToArray(); // (after EventDriven: it decides whether the fast path applies)
        runtime.OnPost = model.OnPost.Select(a => Statement(a, "on_post")).ToArray();
        var eventDrivenSlots = model.EventDriven?.States ?? System.Collections.Immutable.ImmutableArray<int>.Empty;
        bool ReadsEventDriven(Assignment a) => eventDrivenSlots.Any(slot =>
            a.Value.References(VariableSpace.SynapseState, slot) || a.Target is { Space: VariableSpace.SynapseState } t && t.Slot == slot);
        // A clock rule's synapse variables are checked when it has run for every synapse (they are
        // written in blocks or synapse by synapse, and the check must not depend on which).
        T[]?[] WrittenBy(ClockRule rule) => runtime.Values.Select(array => rule.Statements.Any(a =>
            a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState && ReferenceEquals(SynapseArray(runtime, a.Target), array)) ? array : null).ToArray();
        runtime.ClockRules = model.ClockRules.Select(rule => new ClockRuleRuntime<T>(rule.IntervalSteps, rule.Statements.Select(a => Statement(a, null)).ToArray(),
            rule.Statements.All(a => a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState)
                ? rule.Statements.Select(a => (SynapseArray(runtime, a.Target), a.Operator, Vector(a.Value))).ToArray()
                : null,
            rule.Statements.Any(ReadsEventDriven), WrittenBy(rule))).ToArray();
        return runtime;
    }

    private StructureRuntime<T> BuildStructure(ProjectionRuntime<T> runtime, Func<IrExpression, VectorNode<T>> vector)
    {
        var model = runtime.Projection.Synapse;
        int exists = model.States.Select(v => v.Name).ToList().IndexOf("exists");
        (int, VectorNode<T>)? Rule(StructuralKind kind) =>
            model.Structure.FirstOrDefault(r => r.Kind == kind) is { } rule ? (rule.IntervalSteps, vector(rule.Condition)) : null;
        var restart = model.Parameters.Select((v, slot) => (Variable: v, Slot: slot)).Where(p => p.Variable.Mutable && runtime.Values[p.Slot] is not null)
            .Concat(model.States.Select((v, slot) => (Variable: v, Slot: model.Parameters.Length + slot)).Where(p => p.Slot != model.Parameters.Length + exists))
            .Select(p => (runtime.Values[p.Slot]!, vector(p.Variable.Initial))).ToArray();
        return new StructureRuntime<T>
        {
            Exists = runtime.Values[model.Parameters.Length + exists]!,
            Born = Enumerable.Repeat(-1L, runtime.Synapses.Count).ToArray(),
            Prune = Rule(StructuralKind.Prune),
            Grow = Rule(StructuralKind.Grow),
            Restart = restart,
        };
    }

    /// <summary>The backend's compiled synapse code for every projection that has it (not those a spread starts from).</summary>
    private void BindSynapseKernels()
    {
        foreach (var projection in _projections.Where(p => p.Spreads.Length == 0))
        {
            var model = projection.Projection.Synapse;
            if (model.OnPre.IsEmpty && model.OnPost.IsEmpty && model.ClockRules.IsEmpty)
            {
                continue;
            }
            projection.Compiled = _kernels!.Projection(projection.Projection.Index, new SynapseArrays<T>
            {
                Values = projection.Values,
                Targets = projection.TargetArray,
                PreOfSynapse = projection.PreOfSynapse,
                IncomingStart = projection.IncomingStart,
                Incoming = projection.Incoming,
                Pre = ArraysFor(_populations[projection.Projection.Source.Population]),
                Post = ArraysFor(_populations[projection.Projection.Target.Population]),
                Globals = _globals.Select(b => b?.Cell).ToArray(),
                Signals = _signals.States,
                EventDriven = projection.EventDriven,
                Exists = projection.Structure?.Exists,
                Born = projection.Structure?.Born,
                Seed = _seed,
            });
        }
    }

    private PopulationArrays<T>? ArraysFor(PopulationRuntime<T> population) =>
        population.Model is null ? null : population.BoundArrays ?? population.KernelArrays ?? Arrays(population, null, null);

    /// <summary>Each projection's spreads of plasticity, wired once every projection is built.</summary>
    private void BuildSpreads()
    {
        foreach (var group in _network.Spreads.GroupBy(s => s.Source))
        {
            _projections[group.Key].Spreads = group.Select(s => new SpreadRuntime<T>(_projections[s.Target],
                SynapseArray(_projections[s.Source], s.SourceVariable), SynapseArray(_projections[s.Target], s.TargetVariable),
                Num<T>.From(s.Fraction), s.Direction)).ToArray();
        }
    }

    private static T[] SynapseArray(ProjectionRuntime<T> runtime, VariableRef r) =>
        runtime.Values[r.Space == VariableSpace.SynapseState ? runtime.Projection.Synapse.Parameters.Length + r.Slot : r.Slot]!;

    /// <summary>A and B of every event-driven state, evaluated per synapse (one value when the IR has a constant).</summary>
    private EventDrivenStates<T> BuildEventDriven(ProjectionRuntime<T> runtime, ExponentialEuler eventDriven, Func<IrExpression, VectorNode<T>> vector)
    {
        var group = runtime.SynapseStates!;
        T[] Values(IrExpression e)
        {
            if (e is IrConstant c)
            {
                return new[] { Num<T>.From(c.Value) };
            }
            var node = vector(e);
            var result = new T[group.Size];
            foreach (var (start, length) in group.Blocks(0, T.Zero))
            {
                node.Eval(group.Frame).CopyTo(result.AsSpan(start, length));
            }
            return result;
        }
        var states = eventDriven.States.Select(slot => group.States[slot]).ToArray();
        return new EventDrivenStates<T>(states, eventDriven.A.Select(Values).ToArray(), eventDriven.B.Select(Values).ToArray(), group.Size,
            _network.Settings.Dt);
    }

    /// <summary>A column the run never writes: the IR's own array when it is stored in precision T, else a converted copy.</summary>
    private static T[] Shared(SynapseColumn column) =>
        column.Memory<T>() is { } memory && MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : Copy(column);

    private static T[] Copy(SynapseColumn column)
    {
        var result = new T[column.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = Num<T>.From(column[k]);
        }
        return result;
    }

    private static double InitialValue(PopulationRuntime<T> owner, int slot) =>
        owner.Model!.Parameters[slot].Initial is IrConstant c ? c.Value : throw new InvalidOperationException("a shared parameter should be constant by now");

    /// <summary>Incoming synapses per target neuron, and each synapse's presynaptic neuron, for on_post handlers.</summary>
    private static void BuildIncoming(ProjectionRuntime<T> runtime, int targetSize)
    {
        var targets = runtime.TargetArray;
        int count = targets.Length;
        var start = new int[targetSize + 1];
        foreach (int t in targets)
        {
            start[t + 1]++;
        }
        for (int t = 0; t < targetSize; t++)
        {
            start[t + 1] += start[t];
        }
        var next = (int[])start.Clone();
        var incoming = new int[count];
        var preOf = new int[count];
        int sourceStart = runtime.Projection.Source.Start;
        for (int s = 0; s + 1 < runtime.RowStart.Length; s++)
        {
            for (int k = runtime.RowStart[s]; k < runtime.RowStart[s + 1]; k++)
            {
                incoming[next[targets[k]]++] = k;
                preOf[k] = sourceStart + s;
            }
        }
        runtime.IncomingStart = start;
        runtime.Incoming = incoming;
        runtime.PreOfSynapse = preOf;
    }

    private StateGroup<T> BuildSynapseGroup(ProjectionRuntime<T> runtime, PopulationRuntime<T> pre, PopulationRuntime<T> post)
    {
        var model = runtime.Projection.Synapse;
        var states = Enumerable.Range(0, model.States.Length).Select(s => runtime.Values[model.Parameters.Length + s]!).ToArray();
        return new StateGroup<T>(runtime.Synapses.Count, states, new bool[states.Length]);
    }

    /// <summary>Variables as a clock-driven synapse equation reads them: per synapse, or the pre/post neuron's through an index.</summary>
    private VectorNode<T> ResolveVector(VariableRef r, ProjectionRuntime<T> runtime, PopulationRuntime<T> pre, PopulationRuntime<T> post)
    {
        var model = runtime.Projection.Synapse;
        int[] index = r.Side == Side.Post ? runtime.TargetArray : runtime.PreOfSynapse!;
        var owner = r.Side == Side.Post ? post : pre;
        return r.Space switch
        {
            VariableSpace.SynapseState => new StateNode<T>(r.Slot),
            VariableSpace.SynapseParameter => runtime.Values[r.Slot] is { } values ? new ArrayNode<T>(values)
                : VectorCompiler<T>.Compile(model.Parameters[r.Slot].Initial, x => ResolveVector(x, runtime, pre, post), _seed),
            VariableSpace.NeuronState => new GatherNode<T>(owner.States[r.Slot], index),
            VariableSpace.NeuronParameter => owner.Parameters[r.Slot] is { } array ? new GatherNode<T>(array, index)
                : owner.SharedParameters[r.Slot] is { } box ? new BoxNode<T>(box)
                : new ConstantNode<T>(Num<T>.From(InitialValue(owner, r.Slot))),
            VariableSpace.Global => Global(r.Slot),
            VariableSpace.Signal => Signal(r.Slot),
            VariableSpace.Time => new TimeNode<T>(),
            VariableSpace.Index => new IndexGatherNode<T>(index),
            _ => throw new InvalidOperationException($"{r.Space} is not available in a synapse equation"),
        };
    }
}
