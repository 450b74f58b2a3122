using System.Globalization;
using System.Text.Json;
using NeuroCompiler.Output;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Writes a <see cref="CrossbarConfiguration"/>: <c>manifest.json</c> (identity, the model's outline (<see cref="ModelOutline"/>),
/// neuron circuits with each neuron's <c>initial</c> membrane, column groups, and last <c>files</c> and <c>manifest_sha256</c>:
/// <see cref="ConfigurationFiles"/>) and one <c>tile-NNNN.json</c> per tile, its rows as [source population, source neuron, delay in device
/// steps] and its programmed cells as [row, column, level] (every other used cell is at its group's base
/// level). Doubles are written so that they read back the same.
/// </summary>
public static class CrossbarConfigurationWriter
{
    public static void Write(CrossbarConfiguration configuration, AtomicDirectory output)
    {
        var files = new ConfigurationFiles(output);
        foreach (var tile in configuration.Tiles)
        {
            WriteTile(tile, files);
        }
        files.WriteManifest(json =>
        {
            new ManifestIdentity(configuration.Model, configuration.ModelHash, configuration.Target, configuration.TargetHash, configuration.Seed,
                configuration.DeviceTimestep).Write(json, CrossbarConfiguration.Format, CrossbarConfiguration.Version);
            // What load needs is in every configuration written: without it the files could not be run alone.
            (configuration.Outline ?? throw new ArgumentException("a configuration is written with its model's outline", nameof(configuration))).Write(json);
            json.WriteBoolean("drift_aware", configuration.DriftAware);
            json.WriteBoolean("fault_aware", configuration.FaultAware);
            json.WriteNumber("tiles", configuration.Tiles.Length);
            json.WriteStartArray("neurons");
            foreach (var n in configuration.Neurons)
            {
                WriteNeurons(json, n);
            }
            json.WriteEndArray();
            json.WriteStartArray("column_groups");
            foreach (var g in configuration.Groups)
            {
                WriteGroup(json, g);
            }
            json.WriteEndArray();
        });
    }

    private static void WriteNeurons(Utf8JsonWriter json, NeuronConfiguration n)
    {
        json.WriteStartObject();
        json.WriteNumber("population", n.Population);
        json.WriteString("name", n.Name);
        json.WriteNumber("size", n.Size);
        json.WriteString("membrane", n.Membrane);
        json.WriteStartObject("decay_shifts");
        foreach (var (state, shifts) in n.Decays)
        {
            json.WriteStartArray(state);
            foreach (int s in shifts)
            {
                json.WriteNumberValue(s);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteNumber("threshold", n.Threshold);
        json.WriteNumber("bias", n.Bias);
        json.WriteNumber("rest", n.Rest);
        json.WriteNumber("refractory_steps", n.RefractorySteps);
        json.WriteStartArray("initial");
        foreach (long v in n.Initial)
        {
            json.WriteNumberValue(v);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, ColumnGroup g)
    {
        json.WriteStartObject();
        json.WriteNumber("group", g.Group);
        json.WriteNumber("population", g.Population);
        json.WriteString("state", g.State);
        json.WriteString("scheme", g.Encoding.Scheme.ToString().ToLowerInvariant());
        json.WriteNumber("levels", g.Encoding.Levels);
        json.WriteNumber("slices", g.Encoding.Slices);
        json.WriteNumber("g_base_s", g.Encoding.GBase);
        json.WriteNumber("g_max_s", g.Encoding.GMax);
        json.WriteNumber("largest_weight", g.Encoding.Largest);
        json.WriteNumber("adc_full_scale_a", g.AdcFullScale);
        json.WriteNumber("adc_active_rows", g.ActiveRows);
        json.WriteNumber("gain_mantissa", g.GainMantissa);
        json.WriteNumber("gain_shift", g.GainShift);
        json.WriteNumber("state_unit", g.StateUnit);
        json.WriteEndObject();
    }

    private static void WriteTile(CrossbarTile tile, ConfigurationFiles files)
    {
        using var stream = files.Create(TileFile(tile.Tile));
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("tile", tile.Tile);
        json.WriteNumber("group", tile.Group);
        json.WriteNumber("start", tile.Start);
        json.WriteNumber("count", tile.Count);
        json.WriteNumber("columns_used", tile.ColumnsUsed);
        json.WriteNumber("synapses", tile.Synapses);
        json.WriteStartArray("rows");
        foreach (var row in tile.Rows)
        {
            Triple(json, row.SourcePopulation, row.SourceNeuron, row.Delay);
        }
        json.WriteEndArray();
        json.WriteStartArray("cells");
        foreach (var cell in tile.Cells)
        {
            Triple(json, cell.Row, cell.Column, cell.Level);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Triple(Utf8JsonWriter json, int a, int b, int c)
    {
        json.WriteStartArray();
        json.WriteNumberValue(a);
        json.WriteNumberValue(b);
        json.WriteNumberValue(c);
        json.WriteEndArray();
    }

    public static string TileFile(int tile) => $"tile-{tile:D4}.json";
}
