using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// The kernel of one population: for neuron i, advance its integrated states by one step exactly as
/// the reference interpreter does (same operations in the same order, so the same bits), then
/// evaluate the threshold condition on the new values. Emits one body for element <c>i</c>, used by
/// both the CPU loop and the GPU kernel. An explicit method's update is its IR (locals, then new values)
/// emitted as it stands; an exact propagator has its own rows (<c>PopulationKernelEmitter.Propagator.cs</c>);
/// the SIMD block is in <c>PopulationKernelEmitter.Vector.cs</c>.
/// </summary>
internal sealed partial class PopulationKernelEmitter
{
    private readonly Network _network;
    private readonly Population _population;
    private readonly NeuronModel _model;
    private readonly Precision _precision;
    private readonly Func<int, double> _sharedValue;
    private readonly SortedDictionary<string, KernelArray> _arrays = new(StringComparer.Ordinal);
    private readonly CodeWriter _body = new();
    private readonly KernelTarget _target;

    /// <param name="sharedValue">The value of a shared, fixed parameter that folding left as an expression (computed once at start-up).</param>
    public PopulationKernelEmitter(Network network, Population population, Func<int, double> sharedValue, KernelTarget target = KernelTarget.Host)
    {
        _network = network;
        _population = population;
        _model = population.Model!;
        _precision = network.Settings.Precision;
        _sharedValue = sharedValue;
        _target = target;
    }

    private bool Device => _target == KernelTarget.Device;

    private string T => Literal.Type(_precision);
    private string Zero => _precision == Precision.Float32 ? "0f" : "0.0";
    private string Lit(double value) => Literal.Of(value, _precision);

    /// <summary>Whether this population has anything for a kernel to do.</summary>
    public static bool Needed(NeuronModel? model) => model is not null && (model.Integrator is not null || model.Threshold is not null);

    public IReadOnlyCollection<KernelArray> Arrays => _arrays.Values;

    /// <summary>Lines computed once per kernel call, before the loop over neurons.</summary>
    public List<string> Prologue { get; } = new();

    public string Body => _body.ToString();

    private string Use(string name, string elementType, ArrayRole role)
    {
        _arrays.TryAdd(name, new KernelArray(name, elementType, role));
        return name;
    }

    /// <summary>How an expression reads a variable; <paramref name="states"/> maps an integrated state to its current local.</summary>
    private string Variable(VariableRef r, IReadOnlyDictionary<int, string> states) => r.Space switch
    {
        VariableSpace.NeuronState => states.TryGetValue(r.Slot, out var local) ? local : $"{Use($"s{r.Slot}", T, new ArrayRole.NeuronState(r.Slot))}[i]",
        VariableSpace.NeuronParameter => Parameter(r.Slot),
        VariableSpace.Global => _network.Globals[r.Slot].Mutable ? $"{Use($"g{r.Slot}", T, new ArrayRole.Global(r.Slot))}[0]" : Lit(_network.Globals[r.Slot].Value),
        VariableSpace.Signal => $"{Use($"sig{r.Slot}", T, new ArrayRole.Signal(r.Slot))}[0]",
        VariableSpace.Time => "t",
        VariableSpace.Index => $"(({T})i)",
        VariableSpace.Size => Lit(_population.Size),
        VariableSpace.PositionX => $"{Use("pos0", T, new ArrayRole.Position(0))}[i]",
        VariableSpace.PositionY => $"{Use("pos1", T, new ArrayRole.Position(1))}[i]",
        VariableSpace.PositionZ => $"{Use("pos2", T, new ArrayRole.Position(2))}[i]",
        VariableSpace.Local => $"l{r.Slot}",
        VariableSpace.Refractory => $"(held ? {Lit(1)} : {Zero})",
        _ => throw new InvalidOperationException($"{r.Space} is not available in a neuron kernel"),
    };

    private string Parameter(int slot)
    {
        var parameter = _model.Parameters[slot];
        if (parameter.PerElement)
        {
            return $"{Use($"p{slot}", T, new ArrayRole.NeuronParameter(slot))}[i]";
        }
        if (parameter.Mutable)
        {
            return $"{Use($"sp{slot}", T, new ArrayRole.SharedParameter(slot))}[0]";
        }
        return Lit(parameter.Initial is IrConstant c ? c.Value : _sharedValue(slot));
    }

    private string Emit(IrExpression expression, IReadOnlyDictionary<int, string> states) =>
        new ExpressionEmitter(_precision, r => Variable(r, states), "i").Emit(expression);

    public void Generate()
    {
        GenerateScalar();
        VectorBlock = Device ? null : TryVector();
        if (Device)
        {
            GenerateReset();
        }
    }

    /// <summary>For the device step: the reset of spiking neuron i, assignment by assignment, each value read after the previous one is written (as the reference does).</summary>
    public string ResetBody { get; private set; } = "";

    private void GenerateReset()
    {
        var w = new CodeWriter();
        var none = new Dictionary<int, string>();
        // A reset that changes a model-level state runs on the host (the device step is not used
        // for such a model), so its kernel is generated for the neuron's own states only.
        foreach (var assignment in _model.Reset.Where(a => a.Target.Space == VariableSpace.NeuronState))
        {
            string target = $"{Use($"s{assignment.Target.Slot}", T, new ArrayRole.NeuronState(assignment.Target.Slot))}[i]";
            string value = Emit(assignment.Value, none);
            string assigned = Arithmetic.Assigned(target, assignment.Operator, value);
            w.Line($"{target} = {assigned};");
        }
        ResetBody = w.ToString();
    }

    private void GenerateScalar()
    {
        var start = new Dictionary<int, string>();
        foreach (int slot in _model.Integrator?.States ?? Enumerable.Empty<int>())
        {
            string array = Use($"s{slot}", T, new ArrayRole.NeuronState(slot));
            _body.Line($"{T} x{slot} = {array}[i];");
            start[slot] = $"x{slot}";
        }
        if (_model.Refractory is not null)
        {
            _body.Line(Device
                ? $"bool held = {Use("refractory", "byte", new ArrayRole.Refractory())}[i] != 0;"
                : $"bool held = {Use("refractory", "bool", new ArrayRole.Refractory())}[i];");
        }
        var after = new Dictionary<int, string>(start);
        if (_model.Integrator is { } integrator)
        {
            switch (integrator)
            {
                case LinearPropagator { Matrices: { } m } linear:
                    SharedPropagator(linear, m, start);
                    break;
                case LinearPropagator linear:
                    PerElementPropagator(linear, start);
                    break;
                case ExplicitIntegrator update:
                    ExplicitUpdate(update, start);
                    break;
            }
            foreach (int slot in integrator.States)
            {
                _body.Line($"s{slot}[i] = n{slot};");
                after[slot] = $"n{slot}";
            }
        }
        // Refractory neurons take the refractory rows here, and nothing adds them again on the device
        // or in a kernel without a vector block.
        if (FiniteCheck(slot => after.TryGetValue(slot, out var local) ? local : $"{Use($"s{slot}", T, new ArrayRole.NeuronState(slot))}[i]", FiniteWitnesses.For(_model, _precision, refractoryRows: true)) is { } check)
        {
            // Host: summed over the kernel's neurons; device: a flag the host reads after the launch.
            if (Device)
            {
                _body.Line($"{T} statesSum = {check};");
                _body.Line($"if (statesSum - statesSum != {Zero}) {Use("nonFinite", "byte", new ArrayRole.NonFiniteFlag())}[0] = 1;");
            }
            else
            {
                _body.Line($"nonFinite += {check};");
            }
        }
        if (_model.Threshold is { } threshold)
        {
            string candidate = _model.Refractory is not null ? "!held && " : "";
            if (Device)
            {
                _body.Line("byte fire = 0;");
            }
            _body.Open($"if ({candidate}{Emit(threshold, after)} != {Zero})");
            _body.Line(Device ? "fire = 1;" : "candidates[count++] = i;");
            _body.Close();
            if (Device)
            {
                _body.Line($"{Use("fired", "byte", new ArrayRole.Fired())}[i] = fire;");
            }
        }
    }

    /// <summary>The update's locals, then each state's new value, as the IR writes them.</summary>
    private void ExplicitUpdate(ExplicitIntegrator update, IReadOnlyDictionary<int, string> x)
    {
        var emitter = new ExpressionEmitter(_precision, r => Variable(r, x), "i", Computed);
        for (int k = 0; k < update.Locals.Length; k++)
        {
            _body.Line($"{T} l{k} = {emitter.Emit(update.Locals[k])};");
        }
        for (int k = 0; k < update.States.Length; k++)
        {
            _body.Line($"{T} n{update.States[k]} = {emitter.Emit(update.Next[k])};");
        }
    }

    private readonly Dictionary<IrExpression, string> _computed = new();

    /// <summary>
    /// An operation on constants alone (exp(A·dt) with A one number, B/A, ...) is computed once per
    /// kernel call, before the loop, with the same operations (so the same bits) as per neuron: its
    /// local's name, or null for anything else.
    /// </summary>
    private string? Computed(IrExpression expression)
    {
        if (expression is IrConstant or IrVariable || expression.Any(e => e is IrVariable or IrRandom or IrNoise))
        {
            return null;
        }
        if (!_computed.TryGetValue(expression, out var name))
        {
            name = $"once{_computed.Count}";
            Prologue.Add($"{T} {name} = {new ExpressionEmitter(_precision, _ => throw new InvalidOperationException("a constant reads no variable"), "i").Emit(expression)};");
            _computed.Add(expression, name);
        }
        return name;
    }

    private bool Held(int slot) => _model.Refractory?.ClampedStates.Contains(slot) == true;

    /// <summary>
    /// The sum of the neuron's states after its update (<paramref name="value"/> gives each state's
    /// expression), less those another value in the sum gives away (<see cref="FiniteWitnesses"/>);
    /// null for a model without states. Summed over a kernel's neurons it is finite unless a state is
    /// not (NaN and infinities survive addition), or unless the sum overflows, which only makes the
    /// host look for a neuron and find none (docs/semantics.md, "Values that are not finite"). One add
    /// per term: the cheapest test folded into the update.
    /// </summary>
    private string? FiniteCheck(Func<int, string> value, FiniteWitnesses witnesses)
    {
        if (_model.States.IsEmpty)
        {
            return null;
        }
        return Enumerable.Range(0, _model.States.Length).Where(slot => !witnesses.Covered.Contains(slot)).Select(value)
            .Concat(witnesses.Locals).Aggregate((sum, term) => $"({sum} + {term})");
    }
}
