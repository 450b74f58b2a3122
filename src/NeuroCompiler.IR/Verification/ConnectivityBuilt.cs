namespace NeuroCompiler.IR.Verification;

/// <summary>
/// After connectivity instantiation every projection has its synapses: one row per source neuron,
/// row starts ascending to the synapse count, every target inside the target range, every delay
/// within [min, max] with min at least one step (the constant delay, when there is one), each row
/// sorted by (delay, target), and one value column per per-synapse variable, as long as the synapses.
/// Walks every synapse once: the one check whose cost grows with the network.
/// </summary>
public sealed class ConnectivityBuilt : IIrCheck
{
    public IrStage From => IrStage.ConnectivityInstantiated;

    public void Check(Network network, List<string> problems)
    {
        foreach (var projection in network.Projections)
        {
            string where = $"projection {projection.Name}";
            if (projection.Synapses is not { } c)
            {
                problems.Add($"{where} has no synapses built");
                continue;
            }
            if (c.RowStart.Length != projection.Source.Count + 1 || c.RowStart[0] != 0 || c.RowStart[^1] != c.Count ||
                c.DelayOffsets is { } d && d.Length != c.Count)
            {
                problems.Add($"{where}: its connectivity arrays disagree ({c.RowStart.Length} row starts for {projection.Source.Count} sources, {c.Count} targets, {c.DelayOffsets?.Length} delays)");
                continue;
            }
            if (c.MinDelay < 1 || c.MaxDelay < c.MinDelay || c.Count > 0 && projection.ConstantDelaySteps is { } steps && (c.MinDelay != steps || c.MaxDelay != steps))
            {
                problems.Add($"{where}: delays from {c.MinDelay} to {c.MaxDelay} steps (constant: {projection.ConstantDelaySteps})");
            }
            CheckValues(projection, c, where, problems);
            CheckRows(projection, c, where, problems);
        }
    }

    private static void CheckValues(Projection projection, Connectivity c, string where, List<string> problems)
    {
        var variables = projection.Synapse.Parameters.Concat(projection.Synapse.States).ToArray();
        if (c.Values.Length != variables.Length)
        {
            problems.Add($"{where}: {c.Values.Length} value columns for {variables.Length} synapse variables");
            return;
        }
        for (int v = 0; v < variables.Length; v++)
        {
            if ((c.Values[v] is null) == variables[v].PerElement || c.Values[v] is { } column && column.Length != c.Count)
            {
                problems.Add($"{where}: the column of {variables[v].Name} ({(variables[v].PerElement ? "per synapse" : "shared")}) holds {c.Values[v]?.Length.ToString() ?? "nothing"} for {c.Count} synapses");
            }
        }
    }

    private static void CheckRows(Projection projection, Connectivity c, string where, List<string> problems)
    {
        int first = projection.Target.Start, end = projection.Target.End;
        for (int s = 0; s < projection.Source.Count; s++)
        {
            int start = c.RowStart[s], stop = c.RowStart[s + 1];
            if (stop < start)
            {
                problems.Add($"{where}: row {s} ends before it starts");
                return;
            }
            long previous = long.MinValue;
            for (int k = start; k < stop; k++)
            {
                int target = c.Targets[k], delay = c.Delay(k);
                long key = ((long)delay << 32) | (uint)target;
                if (target < first || target >= end || delay < c.MinDelay || delay > c.MaxDelay || key < previous)
                {
                    problems.Add($"{where}: synapse {k} (row {s}) has target {target} (range [{first}:{end}]) and delay {delay} steps, out of range or out of order");
                    return;
                }
                previous = key;
            }
        }
    }
}
