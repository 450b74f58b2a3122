using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Time;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// Per-synapse delays in steps, and the order spikes are delivered in: within each row, by delay,
/// then by target (then canonical order, for multapses). Reordering moves the targets and every
/// per-synapse value column with their synapses.
/// </summary>
internal static class SynapseDelays
{
    /// <summary>Each synapse's delay in steps; null (after reporting the first synapse whose delay cannot be counted) when one is not.</summary>
    public static int[]? Evaluate(Network network, Projection projection, RowTable rows, Func<int, InitialValues?> initial,
        double[]?[] columns, DiagnosticBag diagnostics)
    {
        var delays = new int[rows.Count];
        var model = projection.Synapse;
        var variables = model.Parameters.Concat(model.States).ToArray();
        double dt = network.Settings.Dt;
        long firstBad = long.MaxValue;
        SynapseLoop.ForEach(rows.RowStart, () => SynapseValues.Environment(network, projection, initial, variables, columns), (env, s, k) =>
        {
            SynapseValues.Place(env, projection, rows, s, k);
            env.RandomStep = 1; // a different draw from the synapse's values at step 0
            double delay = ScalarEvaluator.Evaluate(projection.Delay, env);
            if (TimeSteps.Problem(delay, dt, TimeUse.Delay) is not null)
            {
                long seen;
                while (k < (seen = Interlocked.Read(ref firstBad)) && Interlocked.CompareExchange(ref firstBad, k, seen) != seen)
                {
                }
                return;
            }
            delays[k] = (int)TimeSteps.Of(delay, dt);
        });
        if (firstBad != long.MaxValue)
        {
            int k = (int)firstBad;
            int s = RowOf(rows.RowStart, k);
            var env = SynapseValues.Environment(network, projection, initial, variables, columns);
            SynapseValues.Place(env, projection, rows, s, k);
            env.RandomStep = 1;
            double delay = ScalarEvaluator.Evaluate(projection.Delay, env);
            var (code, message) = TimeSteps.Problem(delay, dt, TimeUse.Delay with { What = $"projection '{projection.Name}', synapse {env.Pre} -> {env.Post}: a delay" })!.Value;
            diagnostics.Error(code, projection.DelayLocation ?? projection.Location,
                code == ErrorCode.DelayShorterThanStep ? message + "; clip it, e.g. max(delay, dt)" : message);
            return null;
        }
        return delays;
    }

    /// <summary>The row holding synapse k: the last row starting at or before k (empty rows share their start with the next).</summary>
    private static int RowOf(int[] rowStart, int k)
    {
        int lo = 0, hi = rowStart.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (rowStart[mid] <= k) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Sorts every row by (delay, target, canonical order), moving targets, delays and value columns along.</summary>
    public static void SortRows(RowTable rows, int[] delays, double[]?[] columns)
    {
        var rowStart = rows.RowStart;
        SynapseLoop.ForEachRow(rowStart.Length - 1, s =>
        {
            int first = rowStart[s], length = rowStart[s + 1] - first;
            if (length < 2 || IsSorted(delays, first, length))
            {
                return;
            }
            // Targets ascend within a row, so (delay, position) orders by (delay, target, canonical order).
            var keys = new long[length];
            var order = new int[length];
            for (int m = 0; m < length; m++)
            {
                keys[m] = ((long)delays[first + m] << 32) | (uint)m;
                order[m] = m;
            }
            Array.Sort(keys, order);
            var scratch = new double[length];
            var targets = new int[length];
            for (int m = 0; m < length; m++)
            {
                targets[m] = rows.Targets[first + order[m]];
            }
            for (int m = 0; m < length; m++)
            {
                rows.Targets[first + m] = targets[m];
                delays[first + m] = (int)(keys[m] >> 32);
            }
            foreach (var column in columns)
            {
                if (column is null)
                {
                    continue;
                }
                for (int m = 0; m < length; m++)
                {
                    scratch[m] = column[first + order[m]];
                }
                scratch.CopyTo(column, first);
            }
        });
    }

    private static bool IsSorted(int[] delays, int first, int length)
    {
        for (int k = first + 1; k < first + length; k++)
        {
            if (delays[k] < delays[k - 1])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The delays as offsets from the smallest, in the narrowest type; null when every synapse has the same delay.</summary>
    public static IndexColumn? Compact(int[] delays, out int min, out int max)
    {
        min = delays.Length == 0 ? 1 : delays.Min();
        max = delays.Length == 0 ? 1 : delays.Max();
        if (min == max)
        {
            return null;
        }
        var builder = new IndexColumn.Builder(delays.Length, max - min);
        for (int k = 0; k < delays.Length; k++)
        {
            builder[k] = delays[k] - min;
        }
        return builder.ToColumn();
    }
}
