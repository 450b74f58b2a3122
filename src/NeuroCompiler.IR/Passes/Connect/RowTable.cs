using System.Runtime.InteropServices;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// A projection's pairs by presynaptic neuron (CSR): <see cref="RowStart"/> and the targets (indices
/// in the target population: the range's start plus the position in the range), each row ascending. Built in blocks of rows on all cores; every row depends only on its own random
/// draws, so the table is the same on any number of threads.
/// </summary>
internal sealed class RowTable
{
    private RowTable(int[] rowStart, IndexColumn.Builder targets)
    {
        RowStart = rowStart;
        Targets = targets;
    }

    public int[] RowStart { get; }

    public IndexColumn.Builder Targets { get; }

    public int Count => RowStart[^1];

    /// <summary>Rows drawn one by one; <paramref name="newRowDrawer"/> makes one drawer per block (drawers need not be thread-safe).</summary>
    /// <param name="expected">The synapses the rule makes on average (0 when unknown): each block's list is sized for its share.</param>
    public static RowTable ByRows(int sources, int targets, int targetStart, Func<Action<int, List<int>>> newRowDrawer, double expected = 0)
    {
        var drawn = Draw(sources, newRowDrawer, expected);
        var counts = new long[sources + 1];
        for (int s = 0; s < sources; s++)
        {
            counts[s + 1] = drawn.Length(s);
        }
        var (rowStart, total) = Prefix(counts);
        var column = new IndexColumn.Builder(total, Math.Max(0, targetStart + targets - 1));
        long at = 0;
        for (int b = 0; b < drawn.Parts.Length; b++)
        {
            foreach (int t in CollectionsMarshal.AsSpan(drawn.Parts[b]))
            {
                column[at++] = targetStart + t;
            }
            drawn.Parts[b] = null!;
        }
        return new RowTable(rowStart, column);
    }

    /// <summary>Columns (the sources of each target, ascending) drawn one by one, then turned into rows.</summary>
    public static RowTable ByColumns(int sources, int targets, int targetStart, Func<Action<int, List<int>>> newColumnDrawer, double expected = 0)
    {
        var drawn = Draw(targets, newColumnDrawer, expected);
        var counts = new long[sources + 1];
        foreach (var part in drawn.Parts)
        {
            foreach (int s in CollectionsMarshal.AsSpan(part))
            {
                counts[s + 1]++;
            }
        }
        var (rowStart, total) = Prefix(counts);
        var column = new IndexColumn.Builder(total, Math.Max(0, targetStart + targets - 1));
        var next = (int[])rowStart.Clone();
        int t = 0;
        for (int b = 0; b < drawn.Parts.Length; b++)
        {
            // A block holds its columns one after another, in order.
            var span = CollectionsMarshal.AsSpan(drawn.Parts[b]);
            int k = 0;
            foreach (int length in drawn.Lengths[b])
            {
                for (int m = 0; m < length; m++)
                {
                    column[next[span[k++]]++] = targetStart + t;
                }
                t++;
            }
            drawn.Parts[b] = null!;
        }
        return new RowTable(rowStart, column);
    }

    /// <summary>Rows given as sorted (source, target) pairs packed as source * targets + target.</summary>
    public static RowTable FromSortedPairs(int sources, int targets, int targetStart, List<long> pairs)
    {
        var counts = new long[sources + 1];
        foreach (long pair in pairs)
        {
            counts[pair / targets + 1]++;
        }
        var (rowStart, total) = Prefix(counts);
        var column = new IndexColumn.Builder(total, Math.Max(0, targetStart + targets - 1));
        for (int k = 0; k < pairs.Count; k++)
        {
            column[k] = targetStart + (int)(pairs[k] % targets);
        }
        return new RowTable(rowStart, column);
    }

    /// <summary>Every element's values, block by block: a block's elements one after another, and their lengths.</summary>
    private sealed record Drawn(List<int>[] Parts, int[][] Lengths, int BlockSize)
    {
        public int Length(int element) => Lengths[element / BlockSize][element % BlockSize];
    }

    /// <summary>
    /// Draws every element (row or column) in blocks on all cores. Each block's list starts at its share
    /// of <paramref name="expected"/> plus four standard deviations of a Poisson count: a list that
    /// doubles as it grows leaves its old arrays behind, up to twice what it holds (MemoryEstimate
    /// counts 4 bytes per synapse drawn).
    /// </summary>
    private static Drawn Draw(int elements, Func<Action<int, List<int>>> newDrawer, double expected)
    {
        int size = Math.Clamp(elements / (64 * Environment.ProcessorCount), 1, 4096);
        int blocks = (elements + size - 1) / size;
        var parts = new List<int>[blocks];
        var lengths = new int[blocks][];
        Parallel.For(0, blocks, b =>
        {
            var draw = newDrawer();
            int first = b * size, end = Math.Min(elements, first + size);
            double share = expected * (end - first) / Math.Max(1, elements);
            var list = new List<int>((int)Math.Min(Array.MaxLength, share + 4 * Math.Sqrt(share) + 16));
            var blockLengths = new int[end - first];
            for (int e = first; e < end; e++)
            {
                int before = list.Count;
                draw(e, list);
                blockLengths[e - first] = list.Count - before;
            }
            parts[b] = list;
            lengths[b] = blockLengths;
        });
        return new Drawn(parts, lengths, size);
    }

    private static (int[] RowStart, long Total) Prefix(long[] counts)
    {
        for (int s = 1; s < counts.Length; s++)
        {
            counts[s] += counts[s - 1];
        }
        long total = counts[^1];
        if (total > Array.MaxLength)
        {
            throw new ProjectionTooLargeException(total);
        }
        return (counts.Select(c => (int)c).ToArray(), total);
    }
}

/// <summary>A single projection with more synapses than one array can index.</summary>
internal sealed class ProjectionTooLargeException(long synapses) : Exception($"{synapses:N0} synapses in one projection")
{
    public long Synapses { get; } = synapses;
}
