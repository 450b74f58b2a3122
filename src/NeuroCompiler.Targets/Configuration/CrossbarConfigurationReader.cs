using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Reads a folder written by <see cref="CrossbarConfigurationWriter"/> and checks it: format and version, every
/// field's kind, that every tile file the manifest promises is there, that rows, columns, levels and delays
/// are within the target's array, cells and delay lines, and that tiles name groups that exist; from version 2, every
/// file against the manifest's hashes (<see cref="ConfigurationIntegrity"/>) and the parts together
/// (<see cref="CrossbarConsistency"/>). Problems
/// are diagnostics with the file, line and column; the result is null when there was one.
/// </summary>
public static class CrossbarConfigurationReader
{
    private static readonly Dictionary<string, WeightScheme> Schemes = Enum.GetValues<WeightScheme>().ToDictionary(s => s.ToString().ToLowerInvariant());

    public static CrossbarConfiguration? Read(string folder, CrossbarHardware hardware, DiagnosticBag diagnostics)
    {
        int before = diagnostics.Items.Count(d => d.IsError);
        if (ConfigurationReader.Open(Path.Combine(folder, "manifest.json"), diagnostics) is not { } manifest)
        {
            return null;
        }
        var identity = ManifestIdentity.Read(manifest, CrossbarConfiguration.Format, CrossbarConfiguration.Version, "crossbar");
        bool current = manifest.Field("version", required: false) is JsonNumber { Value: >= CrossbarConfiguration.LoadableSince };
        var outline = current ? ModelOutline.Read(manifest) : null;
        var driftAware = manifest.Boolean("drift_aware");
        var faultAware = manifest.Boolean("fault_aware");
        var tileCount = manifest.Integer("tiles", 0, hardware.Array.Tiles);
        var neurons = Items(manifest, "neurons", (r, i) => Neuron(r, i, hardware, current));
        var groups = Items(manifest, "column_groups", (r, i) => Group(r, i, hardware));
        if (current && tileCount is { } files)
        {
            ConfigurationIntegrity.Check(folder, manifest, Enumerable.Range(0, (int)files).Select(CrossbarConfigurationWriter.TileFile).ToList(), diagnostics);
        }
        manifest.Done();
        var tiles = new List<(CrossbarTile, TileSpans)>();
        for (int t = 0; t < (tileCount ?? 0); t++)
        {
            if (ConfigurationReader.Open(Path.Combine(folder, CrossbarConfigurationWriter.TileFile(t)), diagnostics) is { } file &&
                Tile(file, t, groups.Select(g => g.Item).ToImmutableArray(), hardware) is { } tile)
            {
                tiles.Add(tile);
            }
        }
        if (diagnostics.Items.Count(d => d.IsError) == before)
        {
            // Only whole tiles are checked together: one that could not be read would make every check after it speak of it.
            CrossbarConsistency.Check(neurons, groups, tiles, outline, hardware, manifest);
        }
        if (diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        var id = identity!;
        return new CrossbarConfiguration(id.Model, id.ModelHash, id.Target, id.TargetHash, id.Seed, id.DeviceTimestep, driftAware!.Value, faultAware!.Value,
            neurons.Select(n => n.Item).ToImmutableArray(), groups.Select(g => g.Item).ToImmutableArray(), tiles.Select(t => t.Item1).ToImmutableArray())
        {
            Outline = outline,
        };
    }

    /// <summary>Each object of the list <paramref name="name"/>, read, with its place in the manifest.</summary>
    private static ImmutableArray<(T Item, TextSpan Span)> Items<T>(FieldReader reader, string name, Func<FieldReader, int, T?> read) where T : class
    {
        var items = ImmutableArray.CreateBuilder<(T, TextSpan)>();
        if (reader.Array(name) is not { } list)
        {
            return items.ToImmutable();
        }
        foreach (var item in list.Items)
        {
            if (item is not JsonObject o)
            {
                reader.Report(ErrorCode.TargetValueType, item.Span, $"each of '{name}' is an object");
                continue;
            }
            var field = new FieldReader(o, $"{name}[{items.Count}]", reader.Text, reader.Diagnostics);
            if (read(field, items.Count) is { } value)
            {
                items.Add((value, item.Span));
            }
            field.Done();
        }
        return items.ToImmutable();
    }

    private static NeuronConfiguration? Neuron(FieldReader n, int index, CrossbarHardware hardware, bool current)
    {
        var population = n.Integer("population", 0, int.MaxValue);
        var name = n.String("name");
        var size = n.Integer("size", 1, int.MaxValue);
        var membrane = n.String("membrane");
        var decays = ImmutableArray.CreateBuilder<(string, ImmutableArray<int>)>();
        if (n.Object("decay_shifts") is { } d)
        {
            foreach (var state in d.Names.ToList())
            {
                if (d.Array(state) is { } shifts)
                {
                    if (shifts.Items.All(s => s is JsonNumber { Value: >= 1 and <= 62 } v && v.Value == Math.Floor(v.Value)))
                    {
                        decays.Add((state, shifts.Items.Select(s => (int)((JsonNumber)s).Value).ToImmutableArray()));
                    }
                    else
                    {
                        d.Report(ErrorCode.TargetValueOutOfRange, shifts.Span, "decay shifts are whole numbers from 1 to 62");
                    }
                }
            }
            d.Done();
        }
        var threshold = n.Integer("threshold", 1, long.MaxValue / 2);
        var bias = n.Integer("bias", long.MinValue / 2, long.MaxValue / 2);
        var rest = n.Integer("rest", long.MinValue / 2, long.MaxValue / 2);
        var refractory = n.Integer("refractory_steps", 0, int.MaxValue);
        var initial = ImmutableArray<long>.Empty;
        if (current && n.Array("initial") is { } list)
        {
            long max = (1L << (hardware.Neuron.StateBits - 1)) - 1;
            if (size is { } count && (list.Items.Length != count || list.Items.Any(v => v is not JsonNumber { Value: var x } || x != Math.Floor(x) || x < -max - 1 || x > max)))
            {
                n.Report(ErrorCode.TargetValueOutOfRange, list.Span, $"'initial' is one whole number per neuron ({count}), each within the circuit's state range ({-max - 1} to {max})");
                return null;
            }
            initial = list.Items.Select(v => (long)((JsonNumber)v).Value).ToImmutableArray();
        }
        return population is { } p && name is { } nm && size is { } sz && membrane is { } m && threshold is { } th && bias is { } b && rest is { } r && refractory is { } rf
            ? new NeuronConfiguration((int)p, nm, (int)sz, m, decays.ToImmutable(), th, b, r, (int)rf) { Initial = initial }
            : null;
    }

    private static ColumnGroup? Group(FieldReader g, int index, CrossbarHardware hardware)
    {
        var group = g.Integer("group", index, index);
        var population = g.Integer("population", 0, int.MaxValue);
        var state = g.String("state");
        var scheme = g.Choice("scheme", Schemes.Keys);
        var levels = g.Integer("levels", hardware.Encoding.LevelsPerCell, hardware.Encoding.LevelsPerCell);
        var slices = g.Integer("slices", 1, 64);
        var gBase = g.Number("g_base_s", hardware.Device.GMin, hardware.Device.GMax);
        var gMax = g.Number("g_max_s", hardware.Device.GMin, hardware.Device.GMax);
        var largest = g.Number("largest_weight", 0, double.MaxValue);
        var fullScale = g.Number("adc_full_scale_a", double.Epsilon, double.MaxValue);
        var active = g.Integer("adc_active_rows", 1, hardware.Array.Rows);
        var mantissa = g.Integer("gain_mantissa", 0, 1 << 16);
        var shift = g.Integer("gain_shift", -62, 62);
        var unit = g.Number("state_unit", double.MinValue, double.MaxValue);
        if (group is { } gr && population is { } p && state is { } s && scheme is { } sc && levels is { } l && slices is { } sl && gBase is { } lo && gMax is { } hi &&
            largest is { } w && fullScale is { } fs && active is { } a && mantissa is { } m && shift is { } sh && unit is { } u)
        {
            return new ColumnGroup((int)gr, (int)p, s, new CellEncoding(Schemes[sc], (int)l, (int)sl, lo, hi, w), fs, (int)a, m, (int)sh, u);
        }
        return null;
    }

    private static (CrossbarTile, TileSpans)? Tile(FieldReader tile, int expected, ImmutableArray<ColumnGroup> groups, CrossbarHardware hardware)
    {
        int before = tile.Diagnostics.Items.Count(d => d.IsError);
        var index = tile.Integer("tile", expected, expected);
        var group = tile.Integer("group", 0, Math.Max(0, groups.Length - 1));
        var start = tile.Integer("start", 0, int.MaxValue);
        var count = tile.Integer("count", 1, hardware.Array.Columns);
        var columns = tile.Integer("columns_used", 1, hardware.Array.Columns);
        var synapses = tile.Integer("synapses", 0, long.MaxValue);
        var rows = Triples(tile, "rows", "[source population, source neuron, delay]",
            (a, b, c) => c >= hardware.Delays.MinSteps && c <= hardware.Delays.MaxSteps && a >= 0 && b >= 0, (a, b, c) => new TileRow(a, b, c));
        if (rows.Length > hardware.Array.Rows)
        {
            tile.Report(ErrorCode.TargetLimitExceeded, tile.Span, $"{rows.Length} rows exceed the array's {hardware.Array.Rows}");
        }
        var cells = Triples(tile, "cells", "[row, column, level]",
            (r, c, l) => r >= 0 && r < rows.Length && c >= 0 && c < (columns ?? 0) && l >= 0 && l < hardware.Encoding.LevelsPerCell, (r, c, l) => new TileCell(r, c, l));
        var where = new TileSpans(tile.Text, tile.Span, tile.Field("count", required: false)?.Span ?? tile.Span,
            (tile.Field("rows", required: false) as JsonArray)?.Items.Select(r => r.Span).ToImmutableArray() ?? ImmutableArray<TextSpan>.Empty);
        tile.Done();
        if (tile.Diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        return (new CrossbarTile((int)index!, (int)group!, (int)start!, (int)count!, rows, cells, synapses!.Value, (int)columns!), where);
    }

    private static ImmutableArray<T> Triples<T>(FieldReader reader, string name, string shape, Func<int, int, int, bool> valid, Func<int, int, int, T> make)
    {
        var items = ImmutableArray.CreateBuilder<T>();
        if (reader.Array(name) is not { } list)
        {
            return items.ToImmutable();
        }
        foreach (var item in list.Items)
        {
            if (item is not JsonArray { Items: [JsonNumber a, JsonNumber b, JsonNumber c] })
            {
                reader.Report(ErrorCode.TargetValueType, item.Span, $"each of '{name}' is {shape}");
                continue;
            }
            if (!valid((int)a.Value, (int)b.Value, (int)c.Value))
            {
                reader.Report(ErrorCode.TargetValueOutOfRange, item.Span, $"this item of '{name}' ({shape}) is outside the tile or the target's range");
                continue;
            }
            items.Add(make((int)a.Value, (int)b.Value, (int)c.Value));
        }
        return items.ToImmutable();
    }
}
