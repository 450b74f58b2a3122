using NeuroCompiler.Interpreter.Vector;

namespace NeuroCompiler.Interpreter;

// Clock rules (every T { ... }): after the on_post handlers of a step, for every synapse.
internal sealed partial class Simulation<T>
{
    /// <summary>
    /// The clock rules due at step <paramref name="n"/> (n a multiple of their interval), projection by
    /// projection, rule by rule. Before the first that reads or writes an event-driven state, those are
    /// brought to step n. A rule runs synapse
    /// by synapse in rank order, or in blocks when that gives the same values (see <see cref="ClockRuleRuntime{T}"/>).
    /// </summary>
    private void RunClockRules(long n, T time)
    {
        foreach (var projection in _projections)
        {
            bool advanced = false;
            for (int r = 0; r < projection.ClockRules.Length; r++)
            {
                var rule = projection.ClockRules[r];
                if (n % rule.IntervalSteps != 0)
                {
                    continue;
                }
                if (!advanced && rule.ReadsEventDriven)
                {
                    projection.EventDriven?.AdvanceAll(n);
                    advanced = true;
                }
                if (projection.Compiled is { } compiled && r < compiled.ClockRules.Length)
                {
                    compiled.ClockRules[r](n, time);
                }
                else if (rule.Vector is { } vector)
                {
                    RunVector(projection, vector, n, time);
                }
                else
                {
                    RunSequential(projection, rule.Statements, n, time);
                }
                CheckSynapses(projection, rule.Written, 0, "clock rule");
            }
        }
    }

    private static void RunVector(ProjectionRuntime<T> projection, (T[] Target, IR.AssignOperator Operator, VectorNode<T> Value)[] statements, long n, T time)
    {
        var group = projection.SynapseStates!;
        foreach (var (target, op, value) in statements)
        {
            foreach (var (start, length) in group.Blocks(n, time))
            {
                var values = value.Eval(group.Frame);
                var span = target.AsSpan(start, length);
                for (int i = 0; i < length; i++)
                {
                    span[i] = Assign(span[i], op, values[i]);
                }
            }
        }
    }

    private static void RunSequential(ProjectionRuntime<T> projection, HandlerStatement<T>[] statements, long n, T time)
    {
        var frame = projection.Frame;
        frame.Step = n;
        frame.Time = time;
        var targets = projection.TargetArray;
        for (int k = 0; k < targets.Length; k++)
        {
            if (projection.Structure is { } structure && structure.Exists[k] == T.Zero)
            {
                continue;
            }
            frame.Start = k;
            frame.Pre = projection.PreOfSynapse![k];
            frame.Post = targets[k];
            Apply(statements, frame);
        }
    }
}
