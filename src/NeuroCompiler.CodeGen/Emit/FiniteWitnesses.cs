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
/// same step, and the scan that follows finds the same neuron and state. The same reasoning spares
/// the vector kernels' refractory neurons a second add (<see cref="HeldValueSeen"/>).
/// </summary>
internal sealed class FiniteWitnesses
{
    private readonly Func<int, bool> _oldValueSeen;
    private readonly Func<int, bool> _heldFollowsOld;

    private FiniteWitnesses(IReadOnlySet<int> covered, IReadOnlyList<int> locals, Func<int, bool> oldValueSeen, Func<int, bool> heldFollowsOld)
    {
        Covered = covered;
        LocalIndices = locals;
        _oldValueSeen = oldValueSeen;
        _heldFollowsOld = heldFollowsOld;
    }

    /// <summary>The states left out of the sum.</summary>
    public IReadOnlySet<int> Covered { get; }

    /// <summary>The indices of the update's locals added besides the states (exponential Euler's A).</summary>
    public IReadOnlyList<int> LocalIndices { get; }

    /// <summary>The locals added besides the states, as the kernels name them (<c>l{k}</c>).</summary>
    public IEnumerable<string> Locals => LocalIndices.Select(k => $"l{k}");

    /// <summary>
    /// These witnesses, less the locals in <paramref name="watched"/>: a vector kernel passes those to
    /// an exp whose out-of-range path adds its argument to the sum (<c>DetMath.Exp(x, ref sum)</c>), and
    /// the argument carries the local, so the sum still sees it without an add of its own.
    /// </summary>
    public FiniteWitnesses Without(IReadOnlySet<int> watched) =>
        new(Covered, LocalIndices.Where(k => !watched.Contains(k)).ToList(), _oldValueSeen, _heldFollowsOld);

    /// <summary>
    /// Whether a refractory neuron's value of <paramref name="slot"/>, computed aside and written back
    /// after a vector kernel's bulk update, needs no add of its own: it is not finite only if the old
    /// value is not (a decaying refractory row, or a clamped state kept as it was), and every lane of
    /// the bulk update, refractory or not, put something in the sum that the old value reaches.
    /// </summary>
    public bool HeldValueSeen(int slot) => _heldFollowsOld(slot) && _oldValueSeen(slot);

    private static readonly FiniteWitnesses All = new(new HashSet<int>(), Array.Empty<int>(), _ => false, _ => false);

    /// <param name="refractoryRows">Whether refractory neurons take the refractory matrices in this path and are not added again where their values are written back.</param>
    public static FiniteWitnesses For(NeuronModel model, Precision precision, bool refractoryRows) => model.Integrator switch
    {
        LinearPropagator { Matrices: { } m } linear => Linear(m, linear, precision, refractoryRows && model.Refractory is not null),
        ExplicitIntegrator update => Explicit(update),
        _ => All,
    };

    private static FiniteWitnesses Linear(PropagatorMatrices m, LinearPropagator linear, Precision precision, bool refractory)
    {
        var states = linear.States;
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
        bool RefractoryDecays(int j) => Decays(m.RefractoryP, m.RefractoryG, linear.RefractoryInput, j);
        bool Alone(int j) => Decays(m.P, m.G, linear.Input, j) && (!refractory || RefractoryDecays(j));
        var alone = Enumerable.Range(0, n).Where(Alone).ToHashSet();
        var covered = alone.Where(j => Enumerable.Range(0, n).Any(k =>
            !alone.Contains(k) && NonZero(m.P[k * n + j]) && (!refractory || NonZero(m.RefractoryP[k * n + j])))).ToHashSet();
        // x_j reaches the sum through an added state's normal row (its own included).
        var seen = Enumerable.Range(0, n).Where(j => Enumerable.Range(0, n).Any(k => !covered.Contains(k) && NonZero(m.P[k * n + j]))).ToHashSet();
        int Index(int slot) => states.IndexOf(slot);
        return new(covered.Select(j => states[j]).ToHashSet(), Array.Empty<int>(),
            slot => Index(slot) is >= 0 and var j && seen.Contains(j),
            slot => Index(slot) is >= 0 and var j && RefractoryDecays(j));
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
        // A state's old value reaches the sum through its witness local, or through its own new value
        // where that carries it (exponential Euler's (B/A + x)·exp(A dt) or x + B dt, Euler's x + dt·f).
        // A refractory neuron's clamped state is kept as it was.
        var index = update.States.Select((slot, k) => (slot, k)).ToDictionary(p => p.slot, p => p.k);
        bool Seen(int slot) => covered.Contains(slot) || index.TryGetValue(slot, out int k) && NonFinitePropagation.Carries(update.Next[k], slot);
        return new(covered, locals.ToList(), Seen, index.ContainsKey);
    }
}
