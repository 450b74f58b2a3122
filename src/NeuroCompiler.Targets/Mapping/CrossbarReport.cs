using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// What a crossbar mapping did and cost, as <c>report.json</c> (every number) and <c>report.md</c>: utilisation
/// per tile and in total (rows, columns, cells holding a weight); per column group its scale, conductance
/// range, ADC range and gain; per projection the weight step, errors, clipping, levels; per population the
/// time constants asked for and realised by the shift decays; the changes to the network; the costs.
/// </summary>
public static class CrossbarReport
{
    public static void Write(Network network, CrossbarMapping mapping, AtomicDirectory output)
    {
        var hardware = (CrossbarHardware)mapping.Target.Hardware;
        using (var stream = output.Create("report.json"))
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("model", network.Settings.Name);
            json.WriteString("target", mapping.Target.Name);
            json.WriteBoolean("drift_aware", mapping.DriftAware);
            json.WriteBoolean("fault_aware", mapping.FaultAware);
            json.WriteNumber("tiles_used", mapping.Tiles.Length);
            json.WriteNumber("tiles_available", hardware.Array.Tiles);
            json.WriteNumber("cell_utilisation", CellUtilisation(mapping, hardware));
            json.WriteStartArray("tiles");
            foreach (var tile in mapping.Tiles)
            {
                var group = mapping.Groups[tile.Group];
                json.WriteStartObject();
                json.WriteNumber("tile", tile.Tile);
                json.WriteString("columns_of", $"{network.Populations[group.Population].Name}[{tile.Start}:{tile.Start + tile.Count}].{group.State}");
                json.WriteNumber("rows", tile.Rows.Length / (double)hardware.Array.Rows);
                json.WriteNumber("columns", tile.ColumnsUsed / (double)hardware.Array.Columns);
                json.WriteNumber("synapses", tile.Synapses);
                json.WriteNumber("programmed_cells", tile.Cells.Length);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("column_groups");
            foreach (var g in mapping.Groups)
            {
                json.WriteStartObject();
                json.WriteString("population", network.Populations[g.Population].Name);
                json.WriteString("state", g.State);
                json.WriteString("scheme", g.Encoding.Scheme.ToString().ToLowerInvariant());
                json.WriteNumber("largest_weight", g.Encoding.Largest);
                json.WriteNumber("g_base_s", g.Encoding.GBase);
                json.WriteNumber("g_max_s", g.Encoding.GMax);
                json.WriteNumber("adc_full_scale_a", g.AdcFullScale);
                json.WriteNumber("adc_active_rows", g.ActiveRows);
                json.WriteNumber("gain_mantissa", g.GainMantissa);
                json.WriteNumber("gain_shift", g.GainShift);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("projections");
            foreach (var p in mapping.Projections)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("target_state", p.TargetState);
                ReportJson.WriteWeights(json, p.Weights);
                json.WriteNumber("delays_clamped", p.DelaysClamped);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("populations");
            foreach (var p in mapping.Populations)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteStartArray("time_constants");
                foreach (var d in p.Neuron.Decays)
                {
                    json.WriteStartObject();
                    json.WriteString("state", d.State);
                    json.WriteNumber("requested_s", ReportJson.Seconds(d.RequestedTau));
                    json.WriteNumber("realised_s", ReportJson.Seconds(d.RealisedTau));
                    json.WriteString("shifts", string.Join(" ", d.Shifts));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteNumber("threshold", p.Neuron.Threshold);
                json.WriteNumber("realised_threshold", p.Neuron.RealisedThreshold);
                json.WriteNumber("realised_rest", p.Neuron.RealisedRest);
                json.WriteNumber("membrane_unit", p.Neuron.MembraneUnit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            ReportJson.WriteStrings(json, "changes", mapping.Changes);
            var c = mapping.Costs;
            json.WriteStartObject("per_simulated_second");
            json.WriteNumber("row_activations", c.RowActivations);
            json.WriteNumber("cell_reads", c.CellReads);
            json.WriteNumber("conversions", c.Conversions);
            json.WriteNumber("spikes_to_tiles", c.TileSpikes);
            json.WriteNumber("neuron_updates", c.NeuronUpdates);
            json.WriteNumber("energy_j", c.EnergyPerSecond);
            json.WriteEndObject();
            json.WriteNumber("step_latency_s", c.StepLatency);
            json.WriteEndObject();
        }
        using var md = output.CreateText("report.md");
        md.Write(Text(network, mapping));
    }

    /// <summary>The fraction of the used tiles' cells that hold a weight other than zero.</summary>
    private static double CellUtilisation(CrossbarMapping mapping, CrossbarHardware hardware) =>
        mapping.Tiles.Length == 0 ? 0 : mapping.Tiles.Sum(t => (double)t.Cells.Length) / (mapping.Tiles.Length * (double)hardware.Array.Rows * hardware.Array.Columns);

    public static string Text(Network network, CrossbarMapping mapping)
    {
        var hardware = (CrossbarHardware)mapping.Target.Hardware;
        var c = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        var tiles = mapping.Tiles;
        w.AppendLine(string.Format(c, "# {0} on {1}{2}{3}", network.Settings.Name, mapping.Target.Name, mapping.DriftAware ? " (drift-aware)" : "", mapping.FaultAware ? " (fault-aware)" : ""));
        w.AppendLine();
        w.AppendLine(string.Format(c, "{0} of {1} tiles of {2}×{3}. Rows used {4:P0} on average (largest {5:P0}), columns {6:P0}; cells programmed away from their base level: {7:P2} of the used tiles' cells.",
            tiles.Length, hardware.Array.Tiles, hardware.Array.Rows, hardware.Array.Columns,
            tiles.Average(t => t.Rows.Length / (double)hardware.Array.Rows), tiles.Max(t => t.Rows.Length / (double)hardware.Array.Rows),
            tiles.Average(t => t.ColumnsUsed / (double)hardware.Array.Columns), CellUtilisation(mapping, hardware)));
        foreach (var step in mapping.Steps)
        {
            w.AppendLine($"- {step}");
        }
        w.AppendLine();
        w.AppendLine("| column group | encoding | largest weight | conductances, µS | ADC range (rows at full weight) | gain |");
        w.AppendLine("|---|---|---:|---|---:|---:|");
        foreach (var g in mapping.Groups)
        {
            w.AppendLine(string.Format(c, "| {0}.{1} | {2}, {3} levels{4} | {5:G4} | {6:0.###}–{7:0.###} | ±{8:G3} A ({9}) | {10}/2^{11} |",
                network.Populations[g.Population].Name, g.State, g.Encoding.Scheme.ToString().ToLowerInvariant(), g.Encoding.Levels,
                g.Encoding.Slices > 1 ? $" × {g.Encoding.Slices} slices" : "", g.Encoding.Largest, g.Encoding.GBase * 1e6, g.Encoding.GMax * 1e6,
                g.AdcFullScale, g.ActiveRows, g.GainMantissa, g.GainShift));
        }
        w.AppendLine();
        w.AppendLine("| projection | feeds | step | RMS error | max error | clipped | zeroed | levels | delays clamped |");
        w.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in mapping.Projections)
        {
            w.AppendLine(string.Format(c, "| {0} | {1} | {2:G4} | {3:G3} | {4:G3} | {5:P2} | {6:P2} | {7} | {8} |", p.Name, p.TargetState,
                p.Weights.Step, p.Weights.RmsError, p.Weights.MaxError, p.Weights.ClippedFraction, p.Weights.ZeroedFraction, p.Weights.LevelsUsed, p.DelaysClamped));
        }
        w.AppendLine();
        w.AppendLine("| population | state | τ asked, ms | τ realised, ms | shifts |");
        w.AppendLine("|---|---|---:|---:|---|");
        foreach (var p in mapping.Populations)
        {
            foreach (var d in p.Neuron.Decays)
            {
                w.AppendLine(string.Format(c, "| {0} | {1} | {2:0.###} | {3:0.###} | {4} |", p.Name, d.State, d.RequestedTau * 1e3, d.RealisedTau * 1e3,
                    d.Shifts.IsEmpty ? "none" : string.Join(", ", d.Shifts.Select(s => $"≫{s}"))));
            }
        }
        w.AppendLine();
        w.AppendLine(mapping.Changes.IsEmpty ? "Changes to the network: none." : "Changes to the network:");
        foreach (var change in mapping.Changes)
        {
            w.AppendLine($"- {change}");
        }
        w.AppendLine();
        var k = mapping.Costs;
        w.AppendLine(string.Format(c, "Per simulated second: {0:G3} row activations, {1:G3} cell reads, {2:G3} ADC conversions, {3:G3} neuron updates, {4:G3} J; one step's latency {5:G3} s.",
            k.RowActivations, k.CellReads, k.Conversions, k.NeuronUpdates, k.EnergyPerSecond, k.StepLatency));
        return w.ToString();
    }
}
