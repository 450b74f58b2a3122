using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

// Event handlers the interpreter evaluates: on_post handlers of a step's spiking neurons, a synapse's
// handler with its event-driven states brought up to date, and the spread of plasticity after it.
internal sealed partial class Simulation<T>
{
    private void RunOnPost(ProjectionRuntime<T> projection, long n, T time)
    {
        var target = _populations[projection.Projection.Target.Population];
        var range = projection.Projection.Target;
        var frame = projection.Frame;
        frame.Step = n;
        frame.Time = time;
        for (int s = 0; s < target.SpikeCount; s++)
        {
            int neuron = target.Spiked[s];
            if (!range.Contains(neuron))
            {
                continue;
            }
            if (projection.Compiled?.Post is { } compiled)
            {
                compiled(neuron, n, time);
                continue;
            }
            for (int m = projection.IncomingStart![neuron]; m < projection.IncomingStart[neuron + 1]; m++)
            {
                int k = projection.Incoming![m];
                if (projection.Structure is { } structure && structure.Exists[k] == T.Zero)
                {
                    continue;
                }
                frame.Start = k;
                frame.Pre = projection.PreOfSynapse![k];
                frame.Post = neuron;
                RunHandler(projection, projection.OnPost, frame, n);
            }
        }
    }

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

    /// <summary>A handler's statements (<see cref="Handler{T}.Apply"/>); a synapse variable written with a value that is not finite stops the run there.</summary>
    private static void Apply(HandlerStatement<T>[] statements, Frame<T> frame)
    {
        int failed = Handler<T>.Apply(statements, frame);
        if (failed >= 0)
        {
            ThrowNotFinite(statements[failed], frame.Start);
        }
    }

    /// <summary>A handler's statement wrote a value that is not finite into synapse <paramref name="synapse"/>'s variable: the run stops here.</summary>
    private static void ThrowNotFinite(HandlerStatement<T> statement, int synapse)
    {
        var (projection, slot, origin) = statement.Written!.Value;
        throw NonFiniteException.Synapse(projection, slot, synapse, Num<T>.ToDouble(statement.Target[synapse]), origin);
    }
}
