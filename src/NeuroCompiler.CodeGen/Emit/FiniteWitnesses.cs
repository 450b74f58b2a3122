using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// What a population kernel adds up to learn whether a neuron's update left a state that is not
/// finite: every state, except those a value already in the sum is certain to give away. A state j
/// is left out when both hold, for every neuron the path computes:
/// <list type="bullet">
/// <item>its new value is not finite only if its old one is not: the row of an exact propagator that
/// is P[j,j]·x_j alone with |P[j,j]| ≤ 1, or a state an explicit update declares contracting
/// (<see cref="ExplicitIntegrator.Contracting"/>: exponential Euler's x·exp(A dt) with a constant
/// A &lt; 0 and B = 0); a held state's new value is its old one;</item>
/// <item>its old value reaches the sum: another state k, itself added, with P[k,j] ≠ 0 (x_j times it
/// is in n_k), or a local of the explicit update, computed for every neuron (such as exponential
/// Euler's A_k), that carries x_j (<see cref="NonFinitePropagation"/>).</item>
/// </list>
/// CUBA's ge and gi are seen in v's new value, COBA's in v's A; the sum still says "not finite" at the
/// same step, and the scan that follows finds the same neuron and state.
/// </summary>
internal sealed record FiniteWitnesses(IReadOnlySet<int> Covered, IReadOnlyList<string> Locals)
{
    private static readonly FiniteWitnesses All = new(new HashSet<int>(), Array.Empty<string>());

    /// <param name="refractoryRows">Whether refractory neurons take the refractory matrices in this path and are not added again where their values are written back.</param>
    public static FiniteWitnesses For(NeuronModel model, Precision precision, bool refractoryRows) => model.Integrator switch
    {
        LinearPropagator { Matrices: { } m } linear => Linear(linear.States, m, linear, precision, refractoryRows && model.Refractory is not null),
        ExplicitIntegrator update => Explicit(update),
        _ => All,
    };

    private static FiniteWitnesses Linear(System.Collections.Immutable.ImmutableArray<int> states, PropagatorMatrices m, LinearPropagator linear, Precision precision, bool refractory)
    {
        int n = states.Length;
        bool NonZero(double v) => precision == Precision.Float32 ? (float)v != 0 : v != 0;
        double Rounded(double v) => precision == Precision.Float32 ? (float)v : v;
        bool Decays(IReadOnlyList<double> p, IReadOnlyList<double> g, IReadOnlyList<double>? c, int j)
        {
            for (int k = 0; k < n; k++)
            {
                if (k != j && NonZero(p[j * n + k]) || c is null && NonZero(g[j * n + k]))
                {
                    return false;
                }
            }
            return !(c is not null && NonZero(c[j])) && Math.Abs(Rounded(p[j * n + j])) <= 1;
        }
        bool Alone(int j) => Decays(m.P, m.G, linear.Input, j) && (!refractory || Decays(m.RefractoryP, m.RefractoryG, linear.RefractoryInput, j));
        var alone = Enumerable.Range(0, n).Where(Alone).ToHashSet();
        var covered = alone.Where(j => Enumerable.Range(0, n).Any(k =>
            !alone.Contains(k) && NonZero(m.P[k * n + j]) && (!refractory || NonZero(m.RefractoryP[k * n + j]))));
        return new(covered.Select(j => states[j]).ToHashSet(), Array.Empty<string>());
    }

    /// <summary>Each contracting state seen through the first local that carries it; the update's locals are named l{k}.</summary>
    private static FiniteWitnesses Explicit(ExplicitIntegrator update)
    {
        var covered = new HashSet<int>();
        var locals = new SortedSet<int>();
        foreach (int slot in update.Contracting)
        {
            int witness = Enumerable.Range(0, update.Locals.Length).FirstOrDefault(k => NonFinitePropagation.Carries(update.Locals[k], slot), -1);
            if (witness >= 0)
            {
                covered.Add(slot);
                locals.Add(witness);
            }
        }
        return new(covered, locals.Select(k => $"l{k}").ToList());
    }
}
