using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// The body of a projection's gather kernel on the device: for target j, its queued events (already
/// in the reference order) run the synapse's <c>on_pre</c> statements one event at a time, on the
/// target's states held in locals, each statement dropped while the target is refractory if it
/// writes a clamped state (as the reference does). Only for handlers that touch nothing but the
/// postsynaptic neuron (<see cref="PostLocalHandler"/>). Collects the device arrays the body reads,
/// each with the expression that binds it (in <c>BindDelivery{p}</c>, where <c>post</c> is the
/// target population's arrays and <c>handler</c> the projection's per-synapse values).
/// </summary>
internal sealed class GatherEmitter
{
    private readonly Network _network;
    private readonly SynapseModel _synapse;
    private readonly Population _target;
    private readonly NeuronModel _model;
    private readonly Precision _precision;
    private readonly Lazy<InitialValues> _initial;
    private readonly SortedDictionary<string, (string Type, string Binding)> _fields = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _states = new();

    public GatherEmitter(Network network, Projection projection)
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

    /// <summary>The arrays and values the kernel's argument struct holds besides the queues: name, type, binding.</summary>
    public IEnumerable<(string Name, string Type, string Binding)> Fields => _fields.Select(f => (f.Key, f.Value.Type, f.Value.Binding));

    /// <summary>Lines for target j after its queue is sorted: load the states, run each event, store what changed.</summary>
    public IReadOnlyList<string> Body()
    {
        bool refractoriness = _model.Refractory is not null;
        var statements = new List<string>();
        foreach (var assignment in _synapse.OnPre)
        {
            int slot = assignment.Target.Slot;
            _states.Add(slot);
            string target = $"x{slot}";
            string value = Emit(assignment.Value);
            string assigned = Arithmetic.Assigned(target, assignment.Operator, value);
            bool clamped = refractoriness && _model.Refractory!.ClampedStates.Contains(slot);
            statements.Add(clamped ? $"if (!held) {target} = {assigned};" : $"{target} = {assigned};");
        }
        var written = _synapse.OnPre.Select(a => a.Target.Slot).ToHashSet();
        var lines = new List<string>();
        foreach (int slot in _states)
        {
            Field($"s{slot}", $"ArrayView<{T}>", $"r.State(post.States[{slot}])");
            lines.Add($"{T} x{slot} = a.s{slot}[j];");
        }
        if (statements.Any(s => s.StartsWith("if (!held)", StringComparison.Ordinal)))
        {
            Field("refractory", "ArrayView<byte>", $"r.RefractoryFlags({_target.Index})");
            lines.Add("bool held = a.refractory[j] != 0;");
        }
        lines.Add("for (int e = first; e < first + m; e++)");
        lines.Add("{");
        lines.Add("    int k = (int)(a.events[e] & 0xFFFFFFFFL);");
        lines.AddRange(statements.Select(s => "    " + s));
        lines.Add("}");
        lines.AddRange(_states.Where(written.Contains).Select(slot => $"a.s{slot}[j] = x{slot};"));
        return lines;
    }

    private string Emit(IrExpression expression) => new ExpressionEmitter(_precision, Variable, "j").Emit(expression);

    private void Field(string name, string type, string binding) => _fields.TryAdd(name, (type, binding));

    private string Variable(VariableRef r)
    {
        switch (r.Space)
        {
            case VariableSpace.SynapseParameter:
                if (!_synapse.Parameters[r.Slot].PerElement)
                {
                    return Emit(_synapse.Parameters[r.Slot].Initial);
                }
                Field($"syn{r.Slot}", $"ArrayView<{T}>", $"r.Upload<{T}>(handler.Values[{r.Slot}]!)");
                return $"a.syn{r.Slot}[k]";
            case VariableSpace.NeuronState:
                _states.Add(r.Slot);
                return $"x{r.Slot}";
            case VariableSpace.NeuronParameter:
                var parameter = _model.Parameters[r.Slot];
                if (parameter.PerElement)
                {
                    Field($"p{r.Slot}", $"ArrayView<{T}>", $"r.Input(post.Parameters[{r.Slot}]!)");
                    return $"a.p{r.Slot}[j]";
                }
                if (parameter.Mutable)
                {
                    Field($"sp{r.Slot}", $"ArrayView<{T}>", $"r.PerStep(post.SharedParameters[{r.Slot}]!)");
                    return $"a.sp{r.Slot}[0]";
                }
                return Lit(parameter.Initial is IrConstant c ? c.Value : _initial.Value.Parameter(r.Slot)[0]);
            case VariableSpace.Global when _network.Globals[r.Slot].Mutable:
                Field($"g{r.Slot}", $"ArrayView<{T}>", $"r.PerStep(post.Globals[{r.Slot}]!)");
                return $"a.g{r.Slot}[0]";
            case VariableSpace.Global:
                return Lit(_network.Globals[r.Slot].Value);
            case VariableSpace.Signal:
                Field($"sig{r.Slot}", $"ArrayView<{T}>", $"r.PerStep(post.Signals[{r.Slot}])");
                return $"a.sig{r.Slot}[0]";
            case VariableSpace.Time:
                Field("t", T, "t");
                return "a.t";
            case VariableSpace.Index:
                return $"(({T})j)";
            default:
                throw new InvalidOperationException($"{r.Space} is not available in a handler delivered on the device");
        }
    }
}
