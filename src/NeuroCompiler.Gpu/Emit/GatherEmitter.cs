using NeuroCompiler.CodeGen.Emit;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu.Emit;

/// <summary>
/// The body of a projection's gather kernel on the device: for target j, its queued events (already
/// in the reference order) run the synapse's <c>on_pre</c> statements one event at a time, on the
/// target's states held in locals, each statement dropped while the target is refractory if it
/// writes a clamped state (as the reference does). Only for handlers that touch nothing but the
/// postsynaptic neuron (<see cref="PostLocalHandler"/>). Collects the device arrays the body reads,
/// each with its role: the target population's arrays, or the projection's per-synapse values.
/// </summary>
internal sealed class GatherEmitter
{
    private readonly Network _network;
    private readonly SynapseModel _synapse;
    private readonly Population _target;
    private readonly NeuronModel _model;
    private readonly Precision _precision;
    private readonly Lazy<InitialValues> _initial;
    private readonly SortedDictionary<string, KernelArray> _arrays = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _states = new();

    private GatherEmitter(Network network, Projection projection)
    {
        _network = network;
        _synapse = projection.Synapse;
        _target = network.Populations[projection.Target.Population];
        _model = _target.Model ?? throw new InvalidOperationException($"projection {projection.Name} delivers to a population without a neuron model");
        _precision = network.Settings.Precision;
        _initial = new Lazy<InitialValues>(() => InitialValues.Compute(network, _target));
    }

    private string T => Literal.Type(_precision);

    private string Lit(double value) => Literal.Of(value, _precision);

    private bool _readsTime;

    /// <summary>The gather body of a projection whose handler touches nothing but the postsynaptic neuron.</summary>
    public static GatherBody For(Network network, Projection projection)
    {
        var emitter = new GatherEmitter(network, projection);
        var lines = emitter.Lines();
        return new GatherBody(lines, emitter._arrays.Values.ToList(), emitter._readsTime, emitter._target.Index);
    }

    /// <summary>Lines for target j after its queue is sorted: load the states, run each event, store what changed.</summary>
    private List<string> Lines()
    {
        var statements = new List<Statement>();
        foreach (var assignment in _synapse.OnPre)
        {
            int slot = assignment.Target.Slot;
            _states.Add(slot);
            string value = Emit(assignment.Value);
            bool clamped = _model.Refractory?.ClampedStates.Contains(slot) == true;
            statements.Add(new Statement($"x{slot}", Arithmetic.Assigned($"x{slot}", assignment.Operator, value), clamped));
        }
        var written = _synapse.OnPre.Select(a => a.Target.Slot).ToHashSet();
        var lines = new List<string>();
        foreach (int slot in _states)
        {
            Use($"s{slot}", T, new ArrayRole.NeuronState(slot));
            lines.Add($"{T} x{slot} = a.s{slot}[j];");
        }
        if (statements.Any(s => s.Clamped))
        {
            Use("refractory", "byte", new ArrayRole.Refractory());
            lines.Add("bool held = a.refractory[j] != 0;");
        }
        lines.Add("for (int e = first; e < first + m; e++)");
        lines.Add("{");
        lines.Add("    int k = (int)(a.events[e] & 0xFFFFFFFFL);");
        lines.AddRange(statements.Select(s => s.Clamped ? $"    if (!held) {s.Target} = {s.Value};" : $"    {s.Target} = {s.Value};"));
        lines.Add("}");
        lines.AddRange(_states.Where(written.Contains).Select(slot => $"a.s{slot}[j] = x{slot};"));
        return lines;
    }

    private string Emit(IrExpression expression) => new ExpressionEmitter(_precision, Variable, "j").Emit(expression);

    private void Use(string name, string elementType, ArrayRole role) => _arrays.TryAdd(name, new KernelArray(name, elementType, role));

    /// <summary>One <c>on_pre</c> statement on the target's local: its new value, and whether refractoriness drops it (a clamped state).</summary>
    private sealed record Statement(string Target, string Value, bool Clamped);

    private string Variable(VariableRef r)
    {
        switch (r.Space)
        {
            case VariableSpace.SynapseParameter:
                if (!_synapse.Parameters[r.Slot].PerElement)
                {
                    return Emit(_synapse.Parameters[r.Slot].Initial);
                }
                Use($"syn{r.Slot}", T, new ArrayRole.SynapseValue(r.Slot));
                return $"a.syn{r.Slot}[k]";
            case VariableSpace.NeuronState:
                _states.Add(r.Slot);
                return $"x{r.Slot}";
            case VariableSpace.NeuronParameter:
                var parameter = _model.Parameters[r.Slot];
                if (parameter.PerElement)
                {
                    Use($"p{r.Slot}", T, new ArrayRole.NeuronParameter(r.Slot));
                    return $"a.p{r.Slot}[j]";
                }
                if (parameter.Mutable)
                {
                    Use($"sp{r.Slot}", T, new ArrayRole.SharedParameter(r.Slot));
                    return $"a.sp{r.Slot}[0]";
                }
                return Lit(parameter.Initial is IrConstant c ? c.Value : _initial.Value.Parameter(r.Slot)[0]);
            case VariableSpace.Global when _network.Globals[r.Slot].Mutable:
                Use($"g{r.Slot}", T, new ArrayRole.Global(r.Slot));
                return $"a.g{r.Slot}[0]";
            case VariableSpace.Global:
                return Lit(_network.Globals[r.Slot].Value);
            case VariableSpace.Signal:
                Use($"sig{r.Slot}", T, new ArrayRole.Signal(r.Slot));
                return $"a.sig{r.Slot}[0]";
            case VariableSpace.Time:
                _readsTime = true;
                return "a.t";
            case VariableSpace.Index:
                return $"(({T})j)";
            default:
                throw new InvalidOperationException($"{r.Space} is not available in a handler delivered on the device");
        }
    }
}
