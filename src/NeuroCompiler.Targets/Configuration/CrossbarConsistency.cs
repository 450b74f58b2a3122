using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// What a crossbar configuration's parts must be together, checked once every tile is read (each problem at its place):
/// one neuron circuit per population, whose membrane is one of its states; every column group feeds a state of a
/// population with circuits, in the target's weight encoding; every tile's neurons are its group population's and its
/// columns are exactly its neurons' weights (and the reference of an offset encoding). Given the model's outline
/// (version 2): the circuits are the populations on the device, with their sizes, and every row's spikes come from a
/// neuron that exists.
/// </summary>
internal static class CrossbarConsistency
{
    public static void Check(ImmutableArray<(NeuronConfiguration Item, TextSpan Span)> neurons, ImmutableArray<(ColumnGroup Item, TextSpan Span)> groups,
        IReadOnlyList<(CrossbarTile Tile, TileSpans Where)> tiles, ModelOutline? outline, CrossbarHardware hardware, FieldReader manifest)
    {
        var circuits = new Dictionary<int, NeuronConfiguration>();
        foreach (var (n, span) in neurons)
        {
            if (!circuits.TryAdd(n.Population, n))
            {
                manifest.Report(ErrorCode.ConfigurationInconsistent, span, $"population {n.Population} has a second set of neuron circuits");
            }
            else if (n.Decays.All(d => d.State != n.Membrane))
            {
                manifest.Report(ErrorCode.ConfigurationInconsistent, span, $"the membrane '{n.Membrane}' of population {n.Population} has no decay: the circuit has no such state");
            }
            else if (outline is not null && (outline.Find(n.Population) is not { OnChip: true } listed || listed.Size != n.Size))
            {
                manifest.Report(ErrorCode.ConfigurationInconsistent, span,
                    $"neuron circuits for population {n.Population} ({n.Size} neurons), which the manifest's 'populations' does not list as a population of that size on the device");
            }
        }
        foreach (var population in outline?.Populations.Where(p => p.OnChip && !circuits.ContainsKey(p.Index)) ?? Enumerable.Empty<ModelPopulation>())
        {
            manifest.Report(ErrorCode.ConfigurationInconsistent, manifest.Field("neurons", required: false)?.Span ?? manifest.Span,
                $"population '{population.Name}' ({population.Index}) runs on the device, and it has no neuron circuits");
        }
        int slices = hardware.Encoding.Scheme == WeightScheme.BitSliced ? hardware.Encoding.CellsPerWeight / 2 : 1;
        foreach (var (g, span) in groups)
        {
            if (!circuits.TryGetValue(g.Population, out var circuit) || (g.State != circuit.Membrane && circuit.Decays.All(d => d.State != g.State)))
            {
                manifest.Report(ErrorCode.ConfigurationInconsistent, span, $"column group {g.Group} feeds '{g.State}' of population {g.Population}, which has no neuron circuits with that state");
            }
            if (g.Encoding.Scheme != hardware.Encoding.Scheme || g.Encoding.Slices != slices || g.Encoding.GBase > g.Encoding.GMax)
            {
                manifest.Report(ErrorCode.TargetValueOutOfRange, span,
                    $"column group {g.Group} encodes weights as {g.Encoding.Scheme.ToString().ToLowerInvariant()} in {g.Encoding.Slices} slice(s) from {g.Encoding.GBase:G4} to {g.Encoding.GMax:G4} S, and the target stores them as {hardware.Encoding.Scheme.ToString().ToLowerInvariant()} in {slices}, from a base up to its largest conductance");
            }
        }
        foreach (var (tile, where) in tiles)
        {
            var group = groups[tile.Group].Item;
            int size = circuits.TryGetValue(group.Population, out var circuit) ? circuit.Size : 0;
            int columns = tile.Count * group.Encoding.ColumnsPerWeight + (group.Encoding.Scheme == WeightScheme.Offset ? 1 : 0);
            if (tile.Start + (long)tile.Count > size)
            {
                Report(manifest, where, where.Neurons, $"tile {tile.Tile} holds neurons {tile.Start} to {tile.Start + tile.Count - 1} of population {group.Population}, which has {size}");
            }
            else if (tile.ColumnsUsed != columns)
            {
                Report(manifest, where, where.Neurons, $"tile {tile.Tile} uses {tile.ColumnsUsed} columns, and {tile.Count} neurons' weights take {columns}");
            }
            for (int r = 0; outline is not null && r < tile.Rows.Length; r++)
            {
                var row = tile.Rows[r];
                if (outline.Find(row.SourcePopulation) is not { } source || row.SourceNeuron >= source.Size)
                {
                    Report(manifest, where, where.Rows[r], $"this row carries the spikes of neuron {row.SourceNeuron} of population {row.SourcePopulation}, which does not exist");
                }
            }
        }
    }

    private static void Report(FieldReader manifest, TileSpans where, TextSpan span, string message) =>
        manifest.Diagnostics.Error(ErrorCode.ConfigurationInconsistent, where.Text, span, message);
}
