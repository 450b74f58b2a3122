namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>Visits every synapse of a row table, rows split into blocks over all cores, each block with its own state.</summary>
internal static class SynapseLoop
{
    public static void ForEach<TState>(int[] rowStart, Func<TState> newState, Action<TState, int, int> visit)
    {
        int rows = rowStart.Length - 1;
        int size = Math.Clamp(rows / (64 * Environment.ProcessorCount), 1, 4096);
        int blocks = (rows + size - 1) / size;
        Parallel.For(0, blocks, b =>
        {
            var state = newState();
            int end = Math.Min(rows, (b + 1) * size);
            for (int s = b * size; s < end; s++)
            {
                for (int k = rowStart[s]; k < rowStart[s + 1]; k++)
                {
                    visit(state, s, k);
                }
            }
        });
    }

    /// <summary>Visits every row, in blocks over all cores.</summary>
    public static void ForEachRow(int rows, Action<int> visit)
    {
        int size = Math.Clamp(rows / (64 * Environment.ProcessorCount), 1, 4096);
        int blocks = (rows + size - 1) / size;
        Parallel.For(0, blocks, b =>
        {
            int end = Math.Min(rows, (b + 1) * size);
            for (int s = b * size; s < end; s++)
            {
                visit(s);
            }
        });
    }
}
