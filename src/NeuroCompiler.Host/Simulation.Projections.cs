using System.Runtime.InteropServices;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

// Building a projection's run-time state: its synapse variables, incoming lists, event-driven states,
// structural state and spreads, and the interpreter's form of its synapse model.
internal sealed partial class Simulation<T>
{
    private ProjectionRuntime<T> BuildProjection(Projection projection)
    {
        var runtime = new ProjectionRuntime<T>(projection);
        var model = projection.Synapse;
        int parameterCount = model.Parameters.Length;
        runtime.Values = new T[]?[parameterCount + model.States.Length];
        for (int v = 0; v < runtime.Values.Length; v++)
        {
            if (projection.Synapses!.Values[v] is { } column)
            {
                // (Mutable: written by a handler, a clock rule or a spread; the IR's own array must stay as built.)
                bool readOnly = v < parameterCount && !model.Parameters[v].Mutable;
                runtime.Values[v] = readOnly ? Shared(column) : Copy(column);
            }
        }
        var pre = _populations[projection.Source.Population];
        var post = _populations[projection.Target.Population];
        if (model.OnPost.Length > 0 || model.Integrator is not null || model.EventDriven is not null || !model.ClockRules.IsEmpty ||
            !model.Structure.IsEmpty || _network.Spreads.Any(s => s.Source == projection.Index || s.Target == projection.Index))
        {
            BuildIncoming(runtime, post.Size);
            runtime.SynapseStates = BuildSynapseGroup(runtime);
        }
        var evaluator = new SynapseEvaluator<T>(_model, projection, runtime.Values, pre.Evaluator, post.Evaluator, runtime.SynapseStates,
            () => runtime.TargetArray, runtime.PreOfSynapse);
        runtime.Evaluator = evaluator;
        runtime.Stepper = evaluator.Stepper();
        if (model.EventDriven is { } eventDriven)
        {
            runtime.EventDriven = BuildEventDriven(runtime, eventDriven);
        }
        if (!model.Structure.IsEmpty)
        {
            runtime.Structure = BuildStructure(runtime);
        }
        runtime.OnPre = evaluator.Statements(model.OnPre, "on_pre"); // (after EventDriven: it decides whether the fast path applies)
        runtime.OnPost = evaluator.Statements(model.OnPost, "on_post");
        var eventDrivenSlots = model.EventDriven?.States ?? System.Collections.Immutable.ImmutableArray<int>.Empty;
        bool ReadsEventDriven(Assignment a) => eventDrivenSlots.Any(slot =>
            a.Value.References(VariableSpace.SynapseState, slot) || a.Target is { Space: VariableSpace.SynapseState } t && t.Slot == slot);
        // A clock rule's synapse variables are checked when it has run for every synapse (they are
        // written in blocks or synapse by synapse, and the check must not depend on which).
        T[]?[] WrittenBy(ClockRule rule) => runtime.Values.Select(array => rule.Statements.Any(a =>
            a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState && ReferenceEquals(evaluator.Variable(a.Target), array)) ? array : null).ToArray();
        runtime.ClockRules = model.ClockRules.Select(rule => new ClockRuleRuntime<T>(rule.IntervalSteps, evaluator.Statements(rule.Statements, null),
            evaluator.VectorStatements(rule.Statements), rule.Statements.Any(ReadsEventDriven), WrittenBy(rule))).ToArray();
        return runtime;
    }

    private static StructureRuntime<T> BuildStructure(ProjectionRuntime<T> runtime)
    {
        var model = runtime.Projection.Synapse;
        var vector = runtime.Evaluator.Vector;
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

    /// <summary>Each projection's spreads of plasticity, wired once every projection is built.</summary>
    private void BuildSpreads()
    {
        foreach (var group in _network.Spreads.GroupBy(s => s.Source))
        {
            _projections[group.Key].Spreads = group.Select(s => new SpreadRuntime<T>(_projections[s.Target],
                _projections[s.Source].Evaluator.Variable(s.SourceVariable), _projections[s.Target].Evaluator.Variable(s.TargetVariable),
                Num<T>.From(s.Fraction), s.Direction)).ToArray();
        }
    }

    /// <summary>A and B of every event-driven state, evaluated per synapse (one value when the IR has a constant).</summary>
    private EventDrivenStates<T> BuildEventDriven(ProjectionRuntime<T> runtime, ExponentialEuler eventDriven)
    {
        var group = runtime.SynapseStates!;
        var states = eventDriven.States.Select(slot => group.States[slot]).ToArray();
        return new EventDrivenStates<T>(states, eventDriven.A.Select(runtime.Evaluator.PerSynapse).ToArray(), eventDriven.B.Select(runtime.Evaluator.PerSynapse).ToArray(),
            group.Size, _network.Settings.Dt);
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

    private static StateGroup<T> BuildSynapseGroup(ProjectionRuntime<T> runtime)
    {
        var model = runtime.Projection.Synapse;
        var states = Enumerable.Range(0, model.States.Length).Select(s => runtime.Values[model.Parameters.Length + s]!).ToArray();
        return new StateGroup<T>(runtime.Synapses.Count, states, new bool[states.Length]);
    }
}
