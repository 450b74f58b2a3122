using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// The kernel of one population: for neuron i, advance its integrated states by one step exactly as
/// the reference interpreter does (same operations in the same order, so the same bits), then
/// evaluate the threshold condition on the new values. Emits one body for element <c>i</c>, used by
/// both the CPU loop and the GPU kernel.
/// </summary>
internal sealed class PopulationKernelEmitter
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

    /// <summary>The SIMD block for neurons i .. i+W-1, or null when this population's kernel is scalar only.</summary>
    public string? VectorBlock { get; private set; }

    /// <summary>
    /// The arrays the vector block loads and stores whole vectors of, through <c>ref {name}Ref</c>
    /// without bounds checks: the kernel declares the refs and checks once that <c>end</c> is within
    /// every one of them before the vector loop.
    /// </summary>
    public IReadOnlyCollection<string> VectorArrays => _vectorArrays;

    private readonly SortedSet<string> _vectorArrays = new(StringComparer.Ordinal);

    private string Load(string array)
    {
        _vectorArrays.Add(array);
        return $"Vector.LoadUnsafe(ref {array}Ref, (nuint)i)";
    }

    private string Store(string vector, string array)
    {
        _vectorArrays.Add(array);
        return $"{vector}.StoreUnsafe(ref {array}Ref, (nuint)i);";
    }

    /// <summary>With a vector block: the list of refractory neurons and the scratch arrays.</summary>
    public string? HeldDeclarations { get; private set; }

    /// <summary>With a vector block: before the update, each refractory neuron's refractory result into the scratch arrays.</summary>
    public string? HeldBefore { get; private set; }

    /// <summary>With a vector block: after the update, the refractory neurons' results written back.</summary>
    public string? HeldAfter { get; private set; }

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
                case ExponentialEuler ee:
                    ExponentialEuler(ee, start);
                    break;
                case RungeKutta rk:
                    RungeKutta(rk, start);
                    break;
                case EulerMaruyama em:
                    EulerMaruyama(em, start);
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
        if (FiniteCheck(slot => after.TryGetValue(slot, out var local) ? local : $"{Use($"s{slot}", T, new ArrayRole.NeuronState(slot))}[i]", refractoryRows: true) is { } check)
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

    private bool Held(int slot) => _model.Refractory?.ClampedStates.Contains(slot) == true;

    /// <summary>
    /// The sum of the neuron's states after its update (<paramref name="value"/> gives each state's
    /// expression), less those another value in the sum gives away (<see cref="FiniteWitnesses"/>);
    /// null for a model without states. Summed over a kernel's neurons it is finite unless a state is
    /// not (NaN and infinities survive addition), or unless the sum overflows, which only makes the
    /// host look for a neuron and find none (docs/semantics.md, "Values that are not finite"). One add
    /// per term: the cheapest test folded into the update.
    /// </summary>
    private string? FiniteCheck(Func<int, string> value, bool refractoryRows)
    {
        if (_model.States.IsEmpty)
        {
            return null;
        }
        var witnesses = FiniteWitnesses.For(_model, _precision, refractoryRows);
        return Enumerable.Range(0, _model.States.Length).Where(slot => !witnesses.Covered.Contains(slot)).Select(value)
            .Concat(witnesses.Locals).Aggregate((sum, term) => $"({sum} + {term})");
    }

    /// <summary>
    /// The vector form of an exact, shared propagator and a simple threshold: each lane computes the
    /// same IEEE operations in the same order as the scalar kernel. Lanes of refractory neurons are then
    /// recomputed one by one with the refractory matrices, from the old values kept in the vectors.
    /// </summary>
    private string? TryVector()
    {
        var linear = _model.Integrator as LinearPropagator;
        var euler = _model.Integrator as ExponentialEuler;
        if (_model.Integrator is not null && linear?.Matrices is null && euler is null)
        {
            return null;
        }
        if (_model.Refractory is { ConstantSteps: null })
        {
            return null; // per-neuron periods: no list of refractory neurons to redo
        }
        var states = linear?.States ?? euler?.States ?? System.Collections.Immutable.ImmutableArray<int>.Empty;
        string V = $"Vector<{T}>";
        var locals = states.ToDictionary(s => s, s => $"x{s}");
        var after = states.ToDictionary(s => s, s => $"n{s}");
        string? VectorVariable(VariableRef r, IReadOnlyDictionary<int, string> at) => r.Space switch
        {
            VariableSpace.NeuronState => at.TryGetValue(r.Slot, out var local) ? local : Load(Use($"s{r.Slot}", T, new ArrayRole.NeuronState(r.Slot))),
            VariableSpace.NeuronParameter when _model.Parameters[r.Slot].PerElement => Load(Use($"p{r.Slot}", T, new ArrayRole.NeuronParameter(r.Slot))),
            VariableSpace.Index or VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ => null,
            _ => $"new {V}({Variable(r, at)})",
        };
        var w = new CodeWriter();
        var byState = new VectorExpressionEmitter(_precision, r => VectorVariable(r, locals));
        var bVectors = new List<string>();
        if (linear is not null && linear.Input is null)
        {
            foreach (var b in linear.B)
            {
                if (byState.Value(b) is not { } text)
                {
                    return null;
                }
                bVectors.Add(text);
            }
        }
        string? mask = null;
        if (_model.Threshold is { } threshold)
        {
            mask = new VectorExpressionEmitter(_precision, r => VectorVariable(r, after)).Mask(threshold);
            if (mask is null)
            {
                return null;
            }
        }
        foreach (int slot in states)
        {
            w.Line($"var x{slot} = {Load($"s{slot}")};");
        }
        if (euler is not null && !VectorExponentialEuler(w, euler, byState))
        {
            return null;
        }
        for (int k = 0; k < bVectors.Count; k++)
        {
            w.Line($"var b{k} = {bVectors[k]};");
        }
        if (linear is not null)
        {
            var m = linear.Matrices!;
            int n = states.Length;
            for (int k = 0; k < n; k++)
            {
                string acc = $"{V}.Zero";
                for (int j = 0; j < n; j++)
                {
                    if (NonZero(m.P[k * n + j]))
                    {
                        acc = $"({acc} + x{states[j]} * {Lit(m.P[k * n + j])})";
                    }
                }
                if (linear.Input is { } c)
                {
                    if (NonZero(c[k]))
                    {
                        acc = $"({acc} + new {V}({Lit(c[k])}))";
                    }
                }
                else
                {
                    for (int j = 0; j < n; j++)
                    {
                        if (NonZero(m.G[k * n + j]))
                        {
                            acc = $"({acc} + b{j} * {Lit(m.G[k * n + j])})";
                        }
                    }
                }
                w.Line($"var n{states[k]} = {acc};");
                w.Line(Store($"n{states[k]}", $"s{states[k]}"));
            }
        }
        for (int slot = 0; slot < _model.States.Length; slot++)
        {
            if (!states.Contains(slot))
            {
                w.Line($"var c{slot} = {Load(Use($"s{slot}", T, new ArrayRole.NeuronState(slot)))};");
            }
        }
        if (FiniteCheck(slot => states.Contains(slot) ? $"n{slot}" : $"c{slot}", refractoryRows: false) is { } check)
        {
            // Every lane takes the normal rows; refractory lanes are redone after the loop and their
            // final values added there (HeldAfter).
            w.Line($"nonFiniteLanes += {check};");
        }
        if (_model.Refractory is not null)
        {
            Use("refractory", "bool", new ArrayRole.Refractory());
            if (linear is not null && states.Any(Held))
            {
                RefractoryPasses(linear);
            }
            else if (euler is not null && states.Any(Held))
            {
                HeldStatePasses(states.Where(Held).ToList());
            }
        }
        if (mask is not null)
        {
            string zero = _precision == Precision.Float32 ? "Vector<int>.Zero" : "Vector<long>.Zero";
            w.Line($"var fires = {mask};");
            w.Open($"if (fires != {zero})");
            w.Open($"for (int l = 0; l < {V}.Count; l++)");
            string held = _model.Refractory is not null ? " && !refractory[i + l]" : "";
            w.Open($"if (fires[l] != 0{held})");
            w.Line("candidates[count++] = i + l;");
            w.Close();
            w.Close();
            w.Close();
        }
        return w.ToString();
    }

    /// <summary>n_k = ((0 + P[k,0] x0) + P[k,1] x1 ...) + c_k (or + G b), non-zero terms in index order; the refractory matrices when held.</summary>
    private void SharedPropagator(LinearPropagator linear, PropagatorMatrices m, IReadOnlyDictionary<int, string> x)
    {
        var states = linear.States;
        int n = states.Length;
        var b = linear.Input is null ? linear.B.Select(e => Emit(e, x)).ToArray() : null;
        if (b is not null)
        {
            for (int k = 0; k < n; k++)
            {
                _body.Line($"{T} b{k} = {b[k]};");
            }
        }
        for (int k = 0; k < n; k++)
        {
            _body.Line($"{T} n{states[k]};");
        }
        bool differs = _model.Refractory is not null && linear.States.Any(Held);
        if (differs)
        {
            _body.Open("if (!held)");
        }
        for (int k = 0; k < n; k++)
        {
            _body.Line($"n{states[k]} = {Row(states, m.P, m.G, linear.Input, k)};");
        }
        if (differs)
        {
            _body.Close();
            _body.Open("else");
            for (int k = 0; k < n; k++)
            {
                _body.Line($"n{states[k]} = {Row(states, m.RefractoryP, m.RefractoryG, linear.RefractoryInput, k)};");
            }
            _body.Close();
        }
    }

    /// <summary>
    /// n_k = ((0 + P[k,0] x0) + P[k,1] x1 ...) + c_k (or + G b): the non-zero terms in index order, as the
    /// interpreter adds them.
    /// </summary>
    private string Row(System.Collections.Immutable.ImmutableArray<int> states, IReadOnlyList<double> p, IReadOnlyList<double> g, IReadOnlyList<double>? c, int k)
    {
        int n = states.Length;
        string acc = Zero;
        for (int j = 0; j < n; j++)
        {
            if (NonZero(p[k * n + j]))
            {
                acc = Arithmetic.Add(acc, Arithmetic.Multiply(Lit(p[k * n + j]), $"x{states[j]}"));
            }
        }
        if (c is not null)
        {
            if (NonZero(c[k]))
            {
                acc = Arithmetic.Add(acc, Lit(c[k]));
            }
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                if (NonZero(g[k * n + j]))
                {
                    acc = Arithmetic.Add(acc, Arithmetic.Multiply(Lit(g[k * n + j]), $"b{j}"));
                }
            }
        }
        return acc;
    }

    /// <summary>
    /// The refractory neurons of a vector kernel: computed from the old values before the bulk update,
    /// with the refractory matrices and the scalar code's operations, and written back after it.
    /// </summary>
    private void RefractoryPasses(LinearPropagator linear)
    {
        var states = linear.States;
        var m = linear.Matrices!;
        var x = states.ToDictionary(st => st, st => $"x{st}");
        HeldPasses(states, before =>
        {
            foreach (int slot in states)
            {
                before.Line($"{T} x{slot} = s{slot}[i];");
            }
            if (linear.Input is null)
            {
                for (int k = 0; k < states.Length; k++)
                {
                    before.Line($"{T} b{k} = {Emit(linear.B[k], x)};");
                }
            }
            for (int k = 0; k < states.Length; k++)
            {
                before.Line($"saved{states[k]}[i] = {Row(states, m.RefractoryP, m.RefractoryG, linear.RefractoryInput, k)};");
            }
        });
    }

    /// <summary>
    /// The refractory neurons of a vector kernel whose clamped states do not change: their values
    /// kept aside before the bulk update and written back after it.
    /// </summary>
    private void HeldStatePasses(IReadOnlyList<int> clamped) =>
        HeldPasses(clamped, before =>
        {
            foreach (int slot in clamped)
            {
                before.Line($"saved{slot}[i] = s{slot}[i];");
            }
        });

    /// <summary>
    /// For each refractory neuron in [start, end): <paramref name="compute"/> fills saved{slot}[i] before
    /// the bulk update, and s{slot}[i] = saved{slot}[i] puts it back after.
    /// </summary>
    private void HeldPasses(IReadOnlyList<int> saved, Action<CodeWriter> compute)
    {
        var declarations = new CodeWriter();
        declarations.Line("int[] heldList = a.Tracker!.Held;");
        declarations.Line("int heldStart = a.Tracker.HeldStart;");
        declarations.Line("int heldEnd = a.Tracker.HeldEnd;");
        foreach (int slot in saved)
        {
            declarations.Line($"{T}[] saved{slot} = a.Saved[{slot}];");
        }
        CodeWriter Pass(Action<CodeWriter> inner)
        {
            var pass = new CodeWriter();
            pass.Open("for (int h = heldStart; h < heldEnd; h++)");
            pass.Line("int i = heldList[h];");
            pass.Open("if (i >= start && i < end)");
            inner(pass);
            pass.Close();
            pass.Close();
            return pass;
        }
        HeldDeclarations = declarations.ToString();
        HeldBefore = Pass(compute).ToString();
        HeldAfter = Pass(after =>
        {
            foreach (int slot in saved)
            {
                after.Line($"s{slot}[i] = saved{slot}[i];");
                after.Line($"nonFinite += saved{slot}[i];");
            }
        }).ToString();
    }

    /// <summary>
    /// The vector form of exponential Euler: the scalar update's operations lane by lane, exp by
    /// <c>DetMath.Exp</c> of a vector (bit-identical to the scalar one), the A = 0 case by selection
    /// (both forms are computed in every lane; IEEE arithmetic does not trap). Clamped states of
    /// refractory neurons are put back afterwards (<see cref="HeldStatePasses"/>).
    /// </summary>
    private bool VectorExponentialEuler(CodeWriter w, ExponentialEuler ee, VectorExpressionEmitter byState)
    {
        string V = $"Vector<{T}>";
        var a = new string?[ee.States.Length];
        var b = new string?[ee.States.Length];
        for (int k = 0; k < ee.States.Length; k++)
        {
            a[k] = byState.Value(ee.A[k]);
            b[k] = byState.Value(ee.B[k]);
            if (a[k] is null || b[k] is null)
            {
                return false;
            }
        }
        string dt = $"new {V}({Lit(_network.Settings.Dt)})";
        for (int k = 0; k < ee.States.Length; k++)
        {
            w.Line($"var a{k} = {a[k]};");
            w.Line($"var bb{k} = {b[k]};");
        }
        for (int k = 0; k < ee.States.Length; k++)
        {
            int slot = ee.States[k];
            string euler = $"x{slot} + (bb{k} * {dt})";
            if (ee.A[k] is IrConstant ca)
            {
                // A is one number, so the selection is decided here; with B one number too, B/A and
                // its negation are computed once per call (the same operations, so the same bits).
                if (!NonZero(ca.Value))
                {
                    w.Line($"var n{slot} = {euler};");
                }
                else if (ee.B[k] is IrConstant cb)
                {
                    Prologue.Add($"{T} q{k} = ({Lit(cb.Value)} / {Lit(ca.Value)});");
                    Prologue.Add($"{T} negQ{k} = -q{k};");
                    w.Line($"var n{slot} = new {V}(negQ{k}) + ((new {V}(q{k}) + x{slot}) * new {V}(expA{k}));");
                }
                else
                {
                    w.Line($"var q{k} = bb{k} / a{k};");
                    w.Line($"var n{slot} = DetMath.Negate(q{k}) + ((q{k} + x{slot}) * new {V}(expA{k}));");
                }
            }
            else
            {
                w.Line($"var q{k} = bb{k} / a{k};");
                w.Line($"var n{slot} = Vector.ConditionalSelect(Vector.Equals(a{k}, {V}.Zero), {euler}, DetMath.Negate(q{k}) + ((q{k} + x{slot}) * DetMath.Exp(a{k} * {dt})));");
            }
            w.Line(Store($"n{slot}", $"s{slot}"));
        }
        return true;
    }

    /// <summary>A coefficient that is not zero once rounded to the model's precision (zero terms are skipped, as in the interpreter).</summary>
    private bool NonZero(double value) => _precision == Precision.Float32 ? (float)value != 0 : value != 0;

    /// <summary>Per-neuron matrices, with the interpreter's run-time test for zero coefficients.</summary>
    private void PerElementPropagator(LinearPropagator linear, IReadOnlyDictionary<int, string> x)
    {
        var states = linear.States;
        int n = states.Length;
        int m = n * n;
        string prop = Use("prop", $"{T}[]", new ArrayRole.Propagators());
        // Host: each neuron's matrices are an array; device: one flat array, propStride per neuron.
        _body.Line(Device ? $"int pBase = i * propStride;" : $"{T}[] matrices = {prop}[i];");
        string matrices = Device ? "prop[pBase + pOffset + " : "matrices[pOffset + ";
        _body.Line(_model.Refractory is not null ? $"int pOffset = held ? {2 * m} : 0;" : "int pOffset = 0;");
        for (int k = 0; k < n; k++)
        {
            _body.Line($"{T} b{k} = {Emit(linear.B[k], x)};");
        }
        for (int k = 0; k < n; k++)
        {
            _body.Line($"{T} n{states[k]} = {Zero};");
            for (int j = 0; j < n; j++)
            {
                string coefficient = $"{matrices}{k * n + j}]";
                _body.Line($"if ({coefficient} != {Zero}) n{states[k]} = {Arithmetic.Add($"n{states[k]}", Arithmetic.Multiply(coefficient, $"x{states[j]}"))};");
            }
            for (int j = 0; j < n; j++)
            {
                string coefficient = $"{matrices}{m + k * n + j}]";
                _body.Line($"if ({coefficient} != {Zero}) n{states[k]} = {Arithmetic.Add($"n{states[k]}", Arithmetic.Multiply(coefficient, $"b{j}"))};");
            }
        }
    }

    /// <summary>With BA = B/A: n = -BA + (BA + x)·exp(A·dt), or x + B·dt when A is exactly zero; held states stay.</summary>
    private void ExponentialEuler(ExponentialEuler ee, IReadOnlyDictionary<int, string> x)
    {
        string dt = Lit(_network.Settings.Dt);
        for (int k = 0; k < ee.States.Length; k++)
        {
            if (ee.A[k] is IrConstant a)
            {
                // A is one number: exp(A dt) is the same for every neuron, computed once per call
                // with the same operations (so the same bits) as per neuron.
                Prologue.Add($"{T} expA{k} = ScalarMath.Apply(MathFunction.Exp, {Arithmetic.Multiply(Lit(a.Value), dt)});");
            }
            _body.Line($"{T} a{k} = {Emit(ee.A[k], x)};");
            _body.Line($"{T} bb{k} = {Emit(ee.B[k], x)};");
        }
        for (int k = 0; k < ee.States.Length; k++)
        {
            int slot = ee.States[k];
            string exp = ee.A[k] is IrConstant ? $"expA{k}" : $"ScalarMath.Apply(MathFunction.Exp, {Arithmetic.Multiply($"a{k}", dt)})";
            string euler = Arithmetic.Add($"x{slot}", Arithmetic.Multiply($"bb{k}", dt));
            string exact = Arithmetic.Add($"(-(bb{k} / a{k}))", Arithmetic.Multiply(Arithmetic.Add($"(bb{k} / a{k})", $"x{slot}"), exp));
            string update = $"a{k} == {Zero} ? {euler} : {exact}";
            _body.Line(Held(slot) ? $"{T} n{slot} = held ? x{slot} : ({update});" : $"{T} n{slot} = {update};");
        }
    }

    /// <summary>Euler, midpoint or RK4 with the interpreter's stages; a held state's derivative is zero.</summary>
    private void RungeKutta(RungeKutta rk, IReadOnlyDictionary<int, string> x)
    {
        var states = rk.States;
        string dt = Lit(_network.Settings.Dt);
        string half = $"({dt} / ({T})2)";
        string sixth = $"({dt} / ({T})6)";
        void Derivatives(int stage, IReadOnlyDictionary<int, string> at, string time)
        {
            for (int k = 0; k < states.Length; k++)
            {
                string f = new ExpressionEmitter(_precision, r => r.Space == VariableSpace.Time ? time : Variable(r, at), "i").Emit(rk.Derivatives[k]);
                _body.Line(Held(states[k]) ? $"{T} k{stage}_{k} = held ? {Zero} : {f};" : $"{T} k{stage}_{k} = {f};");
            }
        }
        Dictionary<int, string> Stage(int stage, string h)
        {
            var at = new Dictionary<int, string>(x);
            for (int k = 0; k < states.Length; k++)
            {
                _body.Line($"{T} y{stage}_{k} = {Arithmetic.Add($"x{states[k]}", Arithmetic.Multiply(h, $"k{stage}_{k}"))};");
                at[states[k]] = $"y{stage}_{k}";
            }
            return at;
        }
        Derivatives(0, x, "t");
        switch (rk.Method)
        {
            case RungeKuttaMethod.Euler:
                for (int k = 0; k < states.Length; k++)
                {
                    _body.Line($"{T} n{states[k]} = {Arithmetic.Add($"x{states[k]}", Arithmetic.Multiply(dt, $"k0_{k}"))};");
                }
                break;
            case RungeKuttaMethod.Midpoint:
                Derivatives(1, Stage(0, half), Arithmetic.Add("t", half));
                for (int k = 0; k < states.Length; k++)
                {
                    _body.Line($"{T} n{states[k]} = {Arithmetic.Add($"x{states[k]}", Arithmetic.Multiply(dt, $"k1_{k}"))};");
                }
                break;
            default:
                Derivatives(1, Stage(0, half), Arithmetic.Add("t", half));
                Derivatives(2, Stage(1, half), Arithmetic.Add("t", half));
                Derivatives(3, Stage(2, dt), Arithmetic.Add("t", dt));
                for (int k = 0; k < states.Length; k++)
                {
                    string sum = Arithmetic.Add(Arithmetic.Add(Arithmetic.Add($"k0_{k}", Arithmetic.Multiply($"({T})2", $"k1_{k}")), Arithmetic.Multiply($"({T})2", $"k2_{k}")), $"k3_{k}");
                    _body.Line($"{T} n{states[k]} = {Arithmetic.Add($"x{states[k]}", Arithmetic.Multiply(sixth, sum))};");
                }
                break;
        }
    }

    /// <summary>n = (x + f·dt) + g₁·√dt·ξ₁ + ..., ξ keyed by (seed, the noise's stream, neuron, step).</summary>
    private void EulerMaruyama(EulerMaruyama em, IReadOnlyDictionary<int, string> x)
    {
        string dt = Lit(_network.Settings.Dt);
        string sqrtDt = _precision == Precision.Float32 ? $"MathF.Sqrt({dt})" : $"Math.Sqrt({dt})";
        string normal = _precision == Precision.Float32 ? "NormalSingle" : "NormalDouble";
        for (int k = 0; k < em.States.Length; k++)
        {
            _body.Line($"{T} f{k} = {Emit(em.Drift[k], x)};");
            for (int t = 0; t < em.Diffusion[k].Length; t++)
            {
                _body.Line($"{T} g{k}_{t} = {Emit(em.Diffusion[k][t].Coefficient, x)};");
            }
        }
        for (int k = 0; k < em.States.Length; k++)
        {
            int slot = em.States[k];
            string value = Arithmetic.Add($"x{slot}", Arithmetic.Multiply($"f{k}", dt));
            for (int t = 0; t < em.Diffusion[k].Length; t++)
            {
                uint stream = em.NoiseStreams[em.Diffusion[k][t].Noise];
                value = Arithmetic.Add(value, Arithmetic.Multiply(Arithmetic.Multiply($"g{k}_{t}", sqrtDt), $"CounterRng.{normal}(seed, {stream}u, (uint)i, (ulong)step)"));
            }
            _body.Line(Held(slot) ? $"{T} n{slot} = held ? x{slot} : {value};" : $"{T} n{slot} = {value};");
        }
    }
}
