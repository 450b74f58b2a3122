using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Integrators;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

/// <summary>
/// A projection's run-time state: its synapses (the IR's compact arrays, read in place), their
/// variables, its handlers as the interpreter evaluates them, and the backend's compiled ones.
/// </summary>
internal sealed class ProjectionRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private int[]? _targetArray;

    public ProjectionRuntime(Projection projection)
    {
        Projection = projection;
        Synapses = projection.Synapses!;
        RowStart = ImmutableCollectionsMarshal.AsArray(Synapses.RowStart)!;
        Frame = new Frame<T>(Array.Empty<T[]>()) { Length = 1 };
    }

    public Projection Projection { get; }

    public Connectivity Synapses { get; }

    /// <summary>The IR's row starts, read in place (never written).</summary>
    public int[] RowStart { get; }

    /// <summary>The targets widened to int, made on first use by the paths that gather through them (synapse equations, on_post).</summary>
    public int[] TargetArray => _targetArray ??= Synapses.Targets.ToArray();

    /// <summary>Per-synapse arrays of parameters then states (null for shared parameters).</summary>
    public T[]?[] Values = Array.Empty<T[]>();

    /// <summary>
    /// With per-synapse delays: for each worker, each slot of the source's spike history and each spike
    /// in it, where in the spike's row (sorted by delay) the next delay's synapses start. A spike of
    /// step s is delivered at steps s + MinDelay, s + MinDelay + 1, ... in turn, so its cursor only
    /// moves forward, and finding a delay's synapses costs nothing beyond delivering them.
    /// </summary>
    public int[][][]? DelayCursors;

    private HandlerStatement<T>[] _onPre = Array.Empty<HandlerStatement<T>>();

    public HandlerStatement<T>[] OnPre
    {
        get => _onPre;
        set
        {
            _onPre = value;
            // With event-driven states, every event must bring the synapse up to date (the general path).
            FastHandler = EventDriven is null && Structure is null ? FastHandler<T>.Of(value) : null;
        }
    }

    /// <summary>
    /// The handler is the common <c>post.x += w</c> with w shared or per synapse: delivered by a plain
    /// loop, and by each worker to its own targets (it reads and writes nothing else).
    /// </summary>
    public bool Fast => FastHandler is not null;

    /// <summary>With a <see cref="Fast"/> handler: what it adds, to which array, and which targets drop it.</summary>
    public FastHandler<T>? FastHandler { get; private set; }
    public HandlerStatement<T>[] OnPost = Array.Empty<HandlerStatement<T>>();

    /// <summary>Incoming synapses by postsynaptic neuron (only built when there is an on_post handler).</summary>
    public int[]? IncomingStart;
    public int[]? Incoming;
    public int[]? PreOfSynapse;

    public StateGroup<T>? SynapseStates;
    public Stepper<T>? Stepper;

    /// <summary>The synapse model as the interpreter evaluates it: handlers, equations, rules.</summary>
    public SynapseEvaluator<T> Evaluator = null!;

    /// <summary>The event-driven states, brought up to date before each of the synapse's events; null without any.</summary>
    public EventDrivenStates<T>? EventDriven;

    /// <summary>The clock rules (<c>every T { ... }</c>), in declaration order.</summary>
    public ClockRuleRuntime<T>[] ClockRules = Array.Empty<ClockRuleRuntime<T>>();

    /// <summary>Pruning and growth, when the type has structural rules (then every synapse is a potential one).</summary>
    public StructureRuntime<T>? Structure;

    /// <summary>The backend's compiled handlers and clock rules, when it has them (else they are interpreted).</summary>
    public SynapseKernels<T>? Compiled;

    /// <summary>The spreads of plasticity from this projection, in declaration order.</summary>
    public SpreadRuntime<T>[] Spreads = Array.Empty<SpreadRuntime<T>>();

    /// <summary>The frame event handlers evaluate in: one synapse, with its pre and post neuron.</summary>
    public Frame<T> Frame { get; }
}

/// <summary>
/// A clock rule: its statements as handler statements (run synapse by synapse, in rank order) and,
/// when every statement writes a synapse variable, as vector statements
/// over blocks of synapses (the same values: each synapse reads only its own variables and neurons
/// nothing writes). <paramref name="ReadsEventDriven"/>: the rule reads or writes an event-driven state, so
/// those are brought up to date before it runs. <paramref name="Written"/>: the synapse variables it
/// writes (by value slot, null for the others), checked for values that are not finite after it ran.
/// </summary>
internal sealed record ClockRuleRuntime<T>(int IntervalSteps, HandlerStatement<T>[] Statements, (T[] Target, AssignOperator Operator, VectorNode<T> Value)[]? Vector,
    bool ReadsEventDriven, T[]?[] Written)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>
/// A projection's structural plasticity: which potential synapses exist (the implicit state
/// <c>exists</c>, 1 or 0), the step each was last created (a spike emitted before it is not delivered
/// over it), the pruning and growth conditions, and the values a grown synapse starts from.
/// </summary>
internal sealed class StructureRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required T[] Exists { get; init; }
    public required long[] Born { get; init; }
    public (int IntervalSteps, VectorNode<T> Condition)? Prune { get; init; }
    public (int IntervalSteps, VectorNode<T> Condition)? Grow { get; init; }

    /// <summary>Per variable a grown synapse restarts (mutable per-synapse params, and states other than exists): its array and initial value.</summary>
    public required (T[] Target, VectorNode<T> Initial)[] Restart { get; init; }

    /// <summary>
    /// Whether synapse <paramref name="k"/> carries a spike emitted at step <paramref name="emitted"/>: it exists now
    /// and was created before that step (synapses there from the start have <see cref="Born"/> = −1; growth happens at
    /// the end of a step, after its spikes were emitted).
    /// </summary>
    public bool Delivers(int k, long emitted) => Exists[k] != T.Zero && Born[k] < emitted;

    public long Pruned;
    public long Grown;
}

/// <summary>A spread of plasticity as the run applies it (see <see cref="IR.Spread"/>).</summary>
internal sealed record SpreadRuntime<T>(ProjectionRuntime<T> Target, T[] Source, T[] Changed, T Fraction, SpreadDirection Direction)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
