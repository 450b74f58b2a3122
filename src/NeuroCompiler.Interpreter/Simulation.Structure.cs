using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Interpreter;

// Structural plasticity (pruning and growth of potential synapses) and the spread of plasticity.
internal sealed partial class Simulation<T>
{
    /// <summary>
    /// A synapse's handler: its event-driven states brought to step <paramref name="n"/>, its statements,
    /// then, for each spread from the projection, the change the handler made spread to other synapses.
    /// </summary>
    private static void RunHandler(ProjectionRuntime<T> projection, HandlerStatement<T>[] statements, Frame<T> frame, long n)
    {
        int k = frame.Start;
        projection.EventDriven?.Advance(k, n);
        var spreads = projection.Spreads;
        if (spreads.Length == 0)
        {
            Apply(statements, frame);
            return;
        }
        Span<T> before = stackalloc T[spreads.Length];
        for (int s = 0; s < spreads.Length; s++)
        {
            before[s] = spreads[s].Source[k];
        }
        Apply(statements, frame);
        for (int s = 0; s < spreads.Length; s++)
        {
            T change = spreads[s].Source[k] - before[s];
            if (change != T.Zero)
            {
                Spread(projection, spreads[s], k, frame.Pre, change);
            }
        }
    }

    /// <summary>
    /// Synapse <paramref name="k"/> of <paramref name="source"/> (presynaptic neuron <paramref name="pre"/>) changed
    /// by <paramref name="change"/>: the synapses the spread reaches, in rank order, change by fraction × change,
    /// and their changes spread on.
    /// </summary>
    private static void Spread(ProjectionRuntime<T> source, SpreadRuntime<T> spread, int k, int pre, T change)
    {
        T share = spread.Fraction * change;
        var target = spread.Target;
        var range = spread.Direction == SpreadDirection.Backward ? target.Projection.Target : target.Projection.Source;
        if (!range.Contains(pre) || share == T.Zero)
        {
            return;
        }
        int first, end;
        int[]? order = null;
        if (spread.Direction == SpreadDirection.Backward)
        {
            first = target.IncomingStart![pre];
            end = target.IncomingStart[pre + 1];
            order = target.Incoming;
        }
        else
        {
            int row = pre - target.Projection.Source.Start;
            first = target.RowStart[row];
            end = target.RowStart[row + 1];
        }
        for (int position = first; position < end; position++)
        {
            int m = order is null ? position : order[position];
            if ((ReferenceEquals(target, source) && m == k) || (target.Structure is { } structure && structure.Exists[m] == T.Zero))
            {
                continue;
            }
            spread.Changed[m] += share;
            foreach (var onward in target.Spreads)
            {
                if (ReferenceEquals(onward.Source, spread.Changed))
                {
                    Spread(target, onward, m, target.PreOfSynapse![m], share);
                }
            }
        }
    }

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
            var pruned = prune ? Holds(group, structure.Prune!.Value.Condition, n, time) : null;
            var grown = grow ? Holds(group, structure.Grow!.Value.Condition, n, time) : null;
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

    private static bool[] Holds(Integrators.StateGroup<T> group, VectorNode<T> condition, long n, T time)
    {
        var result = new bool[group.Size];
        foreach (var (start, length) in group.Blocks(n, time))
        {
            var values = condition.Eval(group.Frame);
            for (int i = 0; i < length; i++)
            {
                result[start + i] = values[i] != T.Zero;
            }
        }
        return result;
    }

    /// <summary>Grown synapses start from their initial values, evaluated at this step; their event-driven states from now.</summary>
    private static void Restart(ProjectionRuntime<T> projection, StructureRuntime<T> structure, List<int> grown, long n, T time)
    {
        var group = projection.SynapseStates!;
        var fresh = new T[structure.Restart.Length][];
        for (int v = 0; v < structure.Restart.Length; v++)
        {
            var (_, initial) = structure.Restart[v];
            fresh[v] = new T[grown.Count];
            var frame = group.Frame;
            frame.Step = n;
            frame.Time = time;
            frame.Length = 1;
            for (int g = 0; g < grown.Count; g++)
            {
                frame.Start = grown[g];
                fresh[v][g] = initial.Eval(frame)[0];
            }
        }
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
