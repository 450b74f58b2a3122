using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Host;

// Structural plasticity: pruning and growth of potential synapses.
internal sealed partial class Simulation<T>
{
    /// <summary>
    /// Pruning and growth due at step <paramref name="n"/> (n &gt; 0, a multiple of the rule's interval), after
    /// the clock rules. Every condition is evaluated for every potential synapse first (random draws keyed by
    /// the synapse's rank and the step), then applied: prune removes existing synapses whose condition
    /// holds; grow creates absent ones whose condition holds, with their params and states at their initial
    /// values (evaluated now). A spike already emitted is never delivered over a synapse created after it.
    /// </summary>
    private void RunStructure(long n, T time)
    {
        if (n == 0)
        {
            return;
        }
        foreach (var projection in _projections)
        {
            if (projection.Structure is not { } structure)
            {
                continue;
            }
            bool prune = structure.Prune is { } p && n % p.IntervalSteps == 0;
            bool grow = structure.Grow is { } g && n % g.IntervalSteps == 0;
            if (!prune && !grow)
            {
                continue;
            }
            projection.EventDriven?.AdvanceAll(n);
            var group = projection.SynapseStates!;
            var pruned = prune ? projection.Evaluator.Holds(structure.Prune!.Value.Condition, n, time) : null;
            var grown = grow ? projection.Evaluator.Holds(structure.Grow!.Value.Condition, n, time) : null;
            var restarted = new List<int>();
            for (int k = 0; k < group.Size; k++)
            {
                bool exists = structure.Exists[k] != T.Zero;
                if (exists && pruned is not null && pruned[k])
                {
                    structure.Exists[k] = T.Zero;
                    structure.Pruned++;
                }
                else if (!exists && grown is not null && grown[k])
                {
                    structure.Exists[k] = T.One;
                    structure.Born[k] = n;
                    structure.Grown++;
                    restarted.Add(k);
                }
            }
            if (restarted.Count > 0)
            {
                Restart(projection, structure, restarted, n, time);
            }
        }
    }

    /// <summary>Grown synapses start from their initial values, evaluated at this step; their event-driven states from now.</summary>
    private static void Restart(ProjectionRuntime<T> projection, StructureRuntime<T> structure, List<int> grown, long n, T time)
    {
        var fresh = structure.Restart.Select(r => projection.Evaluator.At(r.Initial, grown, n, time)).ToArray();
        for (int v = 0; v < structure.Restart.Length; v++)
        {
            var target = structure.Restart[v].Target;
            for (int g = 0; g < grown.Count; g++)
            {
                target[grown[g]] = fresh[v][g];
            }
        }
        foreach (int k in grown)
        {
            foreach (var (target, _) in structure.Restart)
            {
                if (!T.IsFinite(target[k]))
                {
                    throw NonFiniteException.Synapse(projection.Projection.Index, Array.IndexOf(projection.Values, target), k, Num<T>.ToDouble(target[k]), RunFailure.InitialValue);
                }
            }
            projection.EventDriven?.Restart(k, n);
        }
    }
}
