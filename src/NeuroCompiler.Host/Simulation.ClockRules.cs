namespace NeuroCompiler.Host;

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
                    projection.Evaluator.Run(vector, n, time);
                }
                else
                {
                    projection.Evaluator.Run(rule.Statements, projection.Frame, projection.Structure?.Exists, n, time);
                }
                CheckSynapses(projection, rule.Written, 0, "clock rule");
            }
        }
    }
}
