using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// Exact integration in a population kernel: each new state the sum of the propagator's non-zero terms
/// in index order, as the interpreter adds them, with shared matrices (scalar and vector) or each
/// neuron's own.
/// </summary>
internal sealed partial class PopulationKernelEmitter
{
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

    /// <summary>The vector form of <see cref="Row"/>: each lane's sum in the scalar code's order, from the vectors x{slot} and b{k}.</summary>
    private void VectorPropagator(CodeWriter w, LinearPropagator linear, IReadOnlyList<string> bVectors)
    {
        string V = $"Vector<{T}>";
        for (int k = 0; k < bVectors.Count; k++)
        {
            w.Line($"var b{k} = {bVectors[k]};");
        }
        var states = linear.States;
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

    /// <summary>
    /// The refractory neurons of a vector kernel: computed from the old values before the bulk update,
    /// with the refractory matrices and the scalar code's operations, and written back after it.
    /// </summary>
    private void RefractoryPasses(LinearPropagator linear, FiniteWitnesses witnesses)
    {
        var states = linear.States;
        var m = linear.Matrices!;
        var x = states.ToDictionary(st => st, st => $"x{st}");
        HeldPasses(states, witnesses, before =>
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

    /// <summary>A coefficient that is not zero once rounded to the model's precision (zero terms are skipped, as in the interpreter).</summary>
    private bool NonZero(double value) => _precision == Precision.Float32 ? (float)value != 0 : value != 0;
}
