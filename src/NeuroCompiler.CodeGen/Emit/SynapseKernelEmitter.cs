using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// A projection's synapse code as C#: <c>Pre{p}</c> runs <c>on_pre</c> over the synapses of one spike,
/// <c>Post{p}</c> runs <c>on_post</c> over the synapses onto one spiking neuron, <c>Clock{p}_{r}</c> runs a
/// clock rule over every synapse, and <c>BindSynapses{p}</c> ties them to a run's arrays. Each synapse's
/// statements run in order, each value computed with the interpreter's operations and written at once
/// (docs/semantics.md), so the results are the interpreter's to the bit.
/// </summary>
internal sealed class SynapseKernelEmitter
{
    private readonly Network _network;
    private readonly Projection _projection;
    private readonly SynapseModel _model;
    private readonly Precision _precision;
    private readonly CodeWriter _w;
    private readonly SortedDictionary<string, string> _locals = new(StringComparer.Ordinal);

    public SynapseKernelEmitter(Network network, Projection projection, CodeWriter w)
    {
        _network = network;
        _projection = projection;
        _model = projection.Synapse;
        _precision = network.Settings.Precision;
        _w = w;
    }

    private string T => Literal.Type(_precision);

    /// <summary>
    /// Whether the projection gets compiled code: it has handlers or clock rules, and no spread of
    /// plasticity starts from it (the interpreter measures each handler's change for those).
    /// </summary>
    public static bool Needed(Network network, Projection projection) =>
        (!projection.Synapse.OnPre.IsEmpty || !projection.Synapse.OnPost.IsEmpty || !projection.Synapse.ClockRules.IsEmpty) &&
        network.Spreads.All(s => s.Source != projection.Index);

    public void Emit()
    {
        int p = _projection.Index;
        _w.Comment($"projection {_projection.Name}: synapse type {_model.TypeName}");
        var clockMethods = new List<string>();
        if (!_model.OnPre.IsEmpty)
        {
            Method($"public static long Pre{p}(SynapseArrays<{T}> a, int first, int end, int pre, long emitted, long step, {T} t)", () =>
            {
                W.Line("long events = 0;");
                W.Open("for (int k = first; k < end; k++)");
                if (Structural)
                {
                    W.Line($"if ({Use("exists", T, "Exists!")}[k] == {Zero} || {Use("born", "long", "Born!")}[k] >= emitted) continue;");
                }
                W.Line("int i = pre;");
                W.Line($"int j = {Use("targets", "int", "Targets")}[k];");
                Statements(_model.OnPre, advance: true, "on_pre");
                W.Line("events++;");
                W.Close();
                W.Line("return events;");
            });
        }
        if (!_model.OnPost.IsEmpty)
        {
            Method($"public static void Post{p}(SynapseArrays<{T}> a, int j, long step, {T} t)", () =>
            {
                var start = Use("incomingStart", "int", "IncomingStart!");
                W.Open($"for (int m = {start}[j]; m < {start}[j + 1]; m++)");
                W.Line($"int k = {Use("incoming", "int", "Incoming!")}[m];");
                if (Structural)
                {
                    W.Line($"if ({Use("exists", T, "Exists!")}[k] == {Zero}) continue;");
                }
                W.Line($"int i = {Use("preOf", "int", "PreOfSynapse!")}[k];");
                Statements(_model.OnPost, advance: true, "on_post");
                W.Close();
            });
        }
        for (int r = 0; r < _model.ClockRules.Length; r++)
        {
            var rule = _model.ClockRules[r];
            // As the interpreter: a rule that writes only synapse variables runs for every potential
            // synapse; one that writes neurons or model-level states skips those that do not exist.
            bool skipAbsent = Structural && !rule.Statements.All(a => a.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState);
            clockMethods.Add($"Clock{p}_{r}");
            Method($"public static void Clock{p}_{r}(SynapseArrays<{T}> a, long step, {T} t)", () =>
            {
                var targets = Use("targets", "int", "Targets");
                W.Open($"for (int k = 0; k < {targets}.Length; k++)");
                if (skipAbsent)
                {
                    W.Line($"if ({Use("exists", T, "Exists!")}[k] == {Zero}) continue;");
                }
                W.Line($"int i = {Use("preOf", "int", "PreOfSynapse!")}[k];");
                W.Line($"int j = {targets}[k];");
                Statements(rule.Statements, advance: false, null); // (the host checks a clock rule's synapse variables after it)
                W.Close();
            });
        }
        string pre = _model.OnPre.IsEmpty ? "null" : $"(first, end, pre, emitted, step, t) => Pre{p}(a, first, end, pre, emitted, step, t)";
        string post = _model.OnPost.IsEmpty ? "null" : $"(j, step, t) => Post{p}(a, j, step, t)";
        string clocks = string.Join(", ", clockMethods.Select(c => $"(step, t) => {c}(a, step, t)"));
        _w.Line($"public static SynapseKernels<{T}> BindSynapses{p}(SynapseArrays<{T}> a) => new({pre}, {post}, new ClockRuleKernel<{T}>[] {{ {clocks} }});");
        _w.Line();
    }

    private bool Structural => !_model.Structure.IsEmpty;

    private string Zero => _precision == Precision.Float32 ? "0f" : "0.0";

    /// <summary>A method whose body is written by <paramref name="body"/>, with the arrays it uses loaded first.</summary>
    private void Method(string signature, Action body)
    {
        _locals.Clear();
        var inner = new CodeWriter();
        _w.Open(signature);
        // The body is written to a buffer first, so its array locals are known before it.
        _body = inner;
        body();
        _body = null;
        _w.Line("ulong seed = a.Seed;");
        foreach (var (name, declaration) in _locals)
        {
            _w.Line(declaration.Replace("{name}", name));
        }
        foreach (var line in inner.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _w.Line(line);
        }
        _w.Close();
        _w.Line();
    }

    private CodeWriter? _body;

    /// <summary>Where a method's body is being written.</summary>
    private CodeWriter W => _body ?? _w;

    /// <summary>A local for an array of <c>a</c> (<paramref name="source"/> is its path), declared once per method.</summary>
    private string Use(string name, string element, string source)
    {
        _locals.TryAdd(name, $"{element}[] {{name}} = a.{source};");
        return name;
    }

    /// <param name="origin">For a handler: its name, and each synapse variable it writes is checked at once for a value that is not finite (as the interpreter does).</param>
    private void Statements(IEnumerable<Assignment> statements, bool advance, string? origin)
    {
        var w = _body!;
        if (advance && _model.EventDriven is { } eventDriven)
        {
            Advance(w, eventDriven);
        }
        foreach (var statement in statements)
        {
            string value = new ExpressionEmitter(_precision, Variable, "k").Emit(statement.Value);
            var (target, index, refractory) = Target(statement.Target);
            w.Open("");
            w.Line($"{T} value = {value};");
            string assign = $"{target}[{index}] = {Arithmetic.Assigned($"{target}[{index}]", statement.Operator, "value")};";
            w.Line(refractory is null ? assign : $"if (!{refractory}[{index}]) {assign}");
            if (origin is not null && statement.Target.Space is VariableSpace.SynapseParameter or VariableSpace.SynapseState)
            {
                int slot = statement.Target.Space == VariableSpace.SynapseState ? _model.Parameters.Length + statement.Target.Slot : statement.Target.Slot;
                w.Line($"if (!{T}.IsFinite({target}[k])) throw NonFiniteException.Synapse({_projection.Index}, {slot}, k, {target}[k], \"{origin}\");");
            }
            w.Close();
        }
    }

    /// <summary>
    /// Brings synapse k's event-driven states to this step, as <c>EventDrivenStates.Advance</c> does: written
    /// out when A and B are constants (the common decaying trace), else a call to it.
    /// </summary>
    private void Advance(CodeWriter w, ExponentialEuler eventDriven)
    {
        if (!eventDriven.A.Concat(eventDriven.B).All(e => e is IrConstant))
        {
            w.Line("a.EventDriven!.Advance(k, step);");
            return;
        }
        var last = Use("last", "long", "EventDriven!.LastUpdate");
        w.Line($"long gap = step - {last}[k];");
        w.Open("if (gap != 0)");
        w.Line($"{last}[k] = step;");
        w.Line($"{T} delta = ({T})(gap * {Literal.Of(_network.Settings.Dt, Precision.Float64)});");
        for (int s = 0; s < eventDriven.States.Length; s++)
        {
            string x = $"{SynapseArray(_model.Parameters.Length + eventDriven.States[s])}[k]";
            string a = Lit(((IrConstant)eventDriven.A[s]).Value);
            string b = Lit(((IrConstant)eventDriven.B[s]).Value);
            double aValue = ((IrConstant)eventDriven.A[s]).Value;
            if (_precision == Precision.Float32 ? (float)aValue == 0 : aValue == 0) // A is zero in T: x + B Δ
            {
                w.Line($"{x} = ({x} + ({b} * delta));");
                continue;
            }
            var cache = Use($"factors{s}", T, $"EventDriven!.FactorCache({s})!");
            w.Line($"{T} f{s} = gap < {EventDrivenGaps} ? {cache}[gap] : {Zero};");
            w.Open($"if (f{s} == {Zero})");
            w.Line($"f{s} = ScalarMath.Apply(MathFunction.Exp, ({a} * delta));");
            w.Line($"if (gap < {EventDrivenGaps}) {cache}[gap] = f{s};");
            w.Close();
            w.Line($"{T} ba{s} = ({b} / {a});");
            w.Line($"{x} = ((-ba{s}) + ((ba{s} + {x}) * f{s}));");
        }
        w.Close();
    }

    private static string EventDrivenGaps => "EventDrivenStates<double>.CachedGapCount";

    /// <summary>The array a statement writes, the index it writes at, and the refractoriness that drops the write (clamped states).</summary>
    private (string Array, string Index, string? Refractory) Target(VariableRef r)
    {
        switch (r.Space)
        {
            case VariableSpace.SynapseParameter:
                return (SynapseArray(r.Slot), "k", null);
            case VariableSpace.SynapseState:
                return (SynapseArray(_model.Parameters.Length + r.Slot), "k", null);
            case VariableSpace.Signal:
                return (Use($"sig{r.Slot}", T, $"Signals[{r.Slot}]"), "0", null);
            default:
                bool post = r.Side == Side.Post;
                string side = post ? "post" : "pre";
                var model = Neuron(post);
                bool clamped = model?.Refractory?.ClampedStates.Contains(r.Slot) == true;
                return (Use($"{side}S{r.Slot}", T, $"{(post ? "Post" : "Pre")}!.States[{r.Slot}]"), post ? "j" : "i",
                    clamped ? Use($"{side}Refractory", "bool", $"{(post ? "Post" : "Pre")}!.Refractory") : null);
        }
    }

    private string SynapseArray(int slot) => Use($"v{slot}", T, $"Values[{slot}]!");

    private NeuronModel? Neuron(bool post) => _network.Populations[post ? _projection.Target.Population : _projection.Source.Population].Model;

    private string Lit(double value) => Literal.Of(value, _precision);

    private string Variable(VariableRef r)
    {
        bool post = r.Side == Side.Post;
        string side = post ? "post" : "pre";
        string path = post ? "Post!" : "Pre!";
        switch (r.Space)
        {
            case VariableSpace.SynapseParameter:
                var parameter = _model.Parameters[r.Slot];
                return parameter.PerElement ? $"{SynapseArray(r.Slot)}[k]" : new ExpressionEmitter(_precision, Variable, "k").Emit(parameter.Initial);
            case VariableSpace.SynapseState:
                return $"{SynapseArray(_model.Parameters.Length + r.Slot)}[k]";
            case VariableSpace.NeuronState:
                return $"{Use($"{side}S{r.Slot}", T, $"{path}.States[{r.Slot}]")}[{(post ? "j" : "i")}]";
            case VariableSpace.NeuronParameter:
                var neuron = Neuron(post)!.Parameters[r.Slot];
                if (neuron.PerElement)
                {
                    return $"{Use($"{side}P{r.Slot}", T, $"{path}.Parameters[{r.Slot}]!")}[{(post ? "j" : "i")}]";
                }
                if (neuron.Mutable)
                {
                    return $"{Use($"{side}SP{r.Slot}", T, $"{path}.SharedParameters[{r.Slot}]!")}[0]";
                }
                return Lit(neuron.Initial is IrConstant c ? c.Value
                    : throw new InvalidOperationException("a shared neuron parameter should be constant by now"));
            case VariableSpace.Global:
                return _network.Globals[r.Slot].Mutable ? $"{Use($"g{r.Slot}", T, $"Globals[{r.Slot}]!")}[0]" : Lit(_network.Globals[r.Slot].Value);
            case VariableSpace.Signal:
                return $"{Use($"sig{r.Slot}", T, $"Signals[{r.Slot}]")}[0]";
            case VariableSpace.Time:
                return "t";
            case VariableSpace.Index:
                return $"(({T})({(post ? "j" : "i")}))";
            default:
                throw new InvalidOperationException($"{r.Space} is not available in a synapse handler");
        }
    }
}
