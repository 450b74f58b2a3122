using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Crossbar targets for tests: the repository's, and a tiny noiseless one whose numbers are easy to follow by hand.</summary>
internal static class CrossbarTargets
{
    /// <summary>
    /// 16×16 tiles of differential pairs, 16 levels from 1 to 16 µS (1 µS a level), read at 1 V through 8-bit ADCs;
    /// 16-bit neuron circuits with two decay shifts, 1 ms steps; delay lines of 0–16 steps; no noise, faults or drift
    /// unless <paramref name="device"/> adds them.
    /// </summary>
    public static string TinyText(int tiles = 64, string device = "", string encoding = "\"scheme\": \"differential\", \"levels_per_cell\": 16") => $$"""
        {
          "name": "tiny", "family": "memristor_crossbar",
          "array": { "rows": 16, "columns": 16, "tiles": {{tiles}} },
          "weight_encoding": { {{encoding}} },
          "device": { "g_min": "1 uS", "g_max": "16 uS"{{device}} },
          "periphery": { "dac_bits": 8, "adc_bits": 8, "columns_per_adc": 4, "read_voltage": "1 V" },
          "neuron": { "models": ["lif"], "state_bits": 16, "decay": "shift", "decay_terms": 2, "threshold": "comparator", "timestep": "1 ms" },
          "delays": { "min_steps": 0, "max_steps": 16 },
          "costs": { "read": "1 pJ", "conversion": "2 pJ" }
        }
        """;

    public static TargetDescription Read(string text, string name = "tiny.json")
    {
        var diagnostics = new DiagnosticBag();
        var target = TargetRegistry.Read(SourceText.From(text, name), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        return target!;
    }

    public static TargetDescription Tiny(int tiles = 64, string device = "") => Read(TinyText(tiles, device));

    public static TargetDescription Repository(string name) =>
        Read(File.ReadAllText(NeuroCompiler.TestSupport.Repository.Path("targets", $"{name}.json")), $"{name}.json");

    /// <summary>
    /// <paramref name="sources"/> spike generators onto <paramref name="neurons"/> LIF neurons (τ 10 ms, a current x of
    /// τ 5 ms, threshold 10 mV above the reset), all to all, weights w(i, j) as given, and an optional delay.
    /// </summary>
    public static string Network(int sources, int neurons, string weight = "1 mV", string delay = "", string extra = "") => $$"""
        model small {
          dt = 1 ms
          duration = 50 ms
          seed = 3
        }
        {{SmallModels.LifAndAdd()}}
        population In = SpikeGenerator[{{sources}}] { times = 1 ms + i * 1 ms; period = {{Math.Max(20, sources + 2)}} ms }
        population P = Lif[{{neurons}}]
        projection p = In -> P : Add { connect all_to_all; w = {{weight}}{{delay}} }
        {{extra}}
        """;
}
