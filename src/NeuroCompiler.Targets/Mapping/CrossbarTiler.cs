using System.Collections.Immutable;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A synapse as the tiler sees it: onto which neuron of the group's population, from which row, with what weight.</summary>
public readonly record struct GroupSynapse(int Target, TileRow Row, double Weight);

/// <summary>
/// Cuts a column group into tiles. Its population's neurons go, in order, as many to a tile as its columns
/// hold (the columns per weight each, and a reference column with an offset encoding). The rows a slice
/// of neurons needs are its distinct (presynaptic neuron, delay) pairs, sorted; they are cut into the
/// tile's rows, one tile per cut. Synapses that share a row and a neuron (the same presynaptic neuron
/// and delay, through two projections) share a cell: their weights add, and are counted.
/// </summary>
public static class CrossbarTiler
{
    public static int NeuronsPerTile(CrossbarArray array, CellEncoding encoding) =>
        (array.Columns - (encoding.Scheme == WeightScheme.Offset ? 1 : 0)) / encoding.ColumnsPerWeight;

    public static List<CrossbarTile> Tile(int group, int populationSize, GroupSynapse[] synapses, CrossbarArray array, CellEncoding encoding,
        int firstTile, out long merged)
    {
        merged = 0;
        Array.Sort(synapses, (a, b) => a.Target.CompareTo(b.Target));
        int perTile = NeuronsPerTile(array, encoding);
        var tiles = new List<CrossbarTile>();
        int at = 0;
        for (int start = 0; start < populationSize; start += perTile)
        {
            int count = Math.Min(perTile, populationSize - start);
            int from = at;
            while (at < synapses.Length && synapses[at].Target < start + count)
            {
                at++;
            }
            var rows = new SortedSet<TileRow>(Comparer<TileRow>.Create(Compare));
            for (int i = from; i < at; i++)
            {
                rows.Add(synapses[i].Row);
            }
            var rowList = rows.ToList();
            int chunks = Math.Max(1, (rowList.Count + array.Rows - 1) / array.Rows);
            for (int c = 0; c < chunks; c++)
            {
                var chunk = rowList.Skip(c * array.Rows).Take(array.Rows).ToImmutableArray();
                var index = chunk.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
                var cells = new SortedDictionary<(int Row, int Neuron), double>();
                long held = 0;
                for (int i = from; i < at; i++)
                {
                    if (index.TryGetValue(synapses[i].Row, out int row))
                    {
                        var key = (row, synapses[i].Target - start);
                        if (cells.TryGetValue(key, out double w))
                        {
                            merged++;
                        }
                        cells[key] = w + synapses[i].Weight;
                        held++;
                    }
                }
                var programmed = ImmutableArray.CreateBuilder<TileCell>();
                foreach (var ((row, neuron), weight) in cells)
                {
                    var (levels, _, _) = encoding.Encode(weight);
                    for (int k = 0; k < levels.Length; k++)
                    {
                        if (levels[k] != encoding.BaseLevel)
                        {
                            programmed.Add(new TileCell(row, neuron * encoding.ColumnsPerWeight + k, levels[k]));
                        }
                    }
                }
                int columns = count * encoding.ColumnsPerWeight + (encoding.Scheme == WeightScheme.Offset ? 1 : 0);
                tiles.Add(new CrossbarTile(firstTile + tiles.Count, group, start, count, chunk, programmed.ToImmutable(), held, columns));
            }
        }
        return tiles;
    }

    private static int Compare(TileRow a, TileRow b)
    {
        int c = a.SourcePopulation.CompareTo(b.SourcePopulation);
        if (c == 0) c = a.SourceNeuron.CompareTo(b.SourceNeuron);
        return c != 0 ? c : a.Delay.CompareTo(b.Delay);
    }
}
