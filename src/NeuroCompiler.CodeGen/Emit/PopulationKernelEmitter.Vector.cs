using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>The SIMD block of a population kernel: W neurons at a time, each lane the scalar body's operations.</summary>
internal sealed partial class PopulationKernelEmitter
{
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

    /// <summary>
    /// The vector form of an exact, shared propagator or an explicit update, and a simple threshold: each
    /// lane computes the same IEEE operations in the same order as the scalar kernel. Lanes of refractory
    /// neurons are then redone one by one (<see cref="RefractoryPasses"/>, <see cref="HeldStatePasses"/>).
    /// </summary>
    private string? TryVector()
    {
        var linear = _model.Integrator as LinearPropagator;
        var update = _model.Integrator as ExplicitIntegrator;
        if (_model.Integrator is not null && linear?.Matrices is null && update is null)
        {
            return null;
        }
        if (_model.Refractory is { ConstantSteps: null })
        {
            return null; // per-neuron periods: no list of refractory neurons to redo
        }
        var states = _model.Integrator?.States ?? System.Collections.Immutable.ImmutableArray<int>.Empty;
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
        var heldSlots = new List<int>();
        // Every lane takes the normal rows; refractory lanes are redone after the loop and their final
        // values added there (HeldAfter) unless the lanes' sum already shows them.
        var witnesses = FiniteWitnesses.For(_model, _precision, refractoryRows: false);
        var watched = new HashSet<int>();
        if (update is not null && !VectorUpdate(w, update, r => VectorVariable(r, locals), heldSlots, witnesses.LocalIndices, watched))
        {
            return null;
        }
        witnesses = witnesses.Without(watched);
        if (linear is not null)
        {
            VectorPropagator(w, linear, bVectors);
        }
        for (int slot = 0; slot < _model.States.Length; slot++)
        {
            if (!states.Contains(slot))
            {
                w.Line($"var c{slot} = {Load(Use($"s{slot}", T, new ArrayRole.NeuronState(slot)))};");
            }
        }
        if (FiniteCheck(slot => states.Contains(slot) ? $"n{slot}" : $"c{slot}", witnesses) is { } check)
        {
            w.Line($"nonFiniteLanes += {check};");
        }
        if (_model.Refractory is not null)
        {
            Use("refractory", "bool", new ArrayRole.Refractory());
            if (linear is not null && states.Any(Held))
            {
                RefractoryPasses(linear, witnesses);
            }
            else if (heldSlots.Count > 0)
            {
                HeldStatePasses(heldSlots, witnesses);
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

    /// <summary>
    /// An explicit update as vectors: the IR's locals and new values lane by lane. A clamped state's
    /// "old value while refractory" is left to <see cref="HeldStatePasses"/> (its slot goes to
    /// <paramref name="heldSlots"/>); any other use of the refractory flag, or an operation with no exact
    /// vector form, leaves the kernel scalar (false).
    /// </summary>
    /// <param name="witnessLocals">The locals the kernel's sum of finite values would add (<see cref="FiniteWitnesses"/>).</param>
    /// <param name="watched">Receives those an exp's argument carries: the exp adds its argument to the sum
    /// when a lane leaves its vector path, which a NaN or infinite argument always does, so they need no add.</param>
    private bool VectorUpdate(CodeWriter w, ExplicitIntegrator update, Func<VariableRef, string?> variable, List<int> heldSlots,
        IReadOnlyList<int> witnessLocals, HashSet<int> watched)
    {
        string V = $"Vector<{T}>";
        string? Watch(IrExpression argument)
        {
            var carried = witnessLocals.Where(k => NonFinitePropagation.CarriesLocal(argument, k)).ToList();
            watched.UnionWith(carried);
            return carried.Count > 0 ? "nonFinite" : null;
        }
        var emitter = new VectorExpressionEmitter(_precision, r => r.Space switch
        {
            VariableSpace.Local => $"l{r.Slot}",
            VariableSpace.Refractory => null,
            _ => variable(r),
        }, e => Computed(e) is { } once ? $"new {V}({once})" : null, Watch);
        for (int k = 0; k < update.Locals.Length; k++)
        {
            if (emitter.Value(update.Locals[k]) is not { } local)
            {
                return false;
            }
            w.Line($"var l{k} = {local};");
        }
        for (int k = 0; k < update.States.Length; k++)
        {
            int slot = update.States[k];
            var next = update.Next[k];
            if (next is IrSelect { Condition: IrVariable { Ref.Space: VariableSpace.Refractory }, IfTrue: IrVariable { Ref: var own } } held &&
                own == new VariableRef(VariableSpace.NeuronState, slot))
            {
                heldSlots.Add(slot);
                next = held.IfFalse;
            }
            if (emitter.Value(next) is not { } value)
            {
                return false;
            }
            w.Line($"var n{slot} = {value};");
            w.Line(Store($"n{slot}", $"s{slot}"));
        }
        return true;
    }

    /// <summary>
    /// The refractory neurons of a vector kernel whose clamped states do not change: their values
    /// kept aside before the bulk update and written back after it.
    /// </summary>
    private void HeldStatePasses(IReadOnlyList<int> clamped, FiniteWitnesses witnesses) =>
        HeldPasses(clamped, witnesses, before =>
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
    private void HeldPasses(IReadOnlyList<int> saved, FiniteWitnesses witnesses, Action<CodeWriter> compute)
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
                if (!witnesses.HeldValueSeen(slot))
                {
                    after.Line($"nonFinite += saved{slot}[i];");
                }
            }
        }).ToString();
    }
}
