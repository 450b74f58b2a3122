using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// What a mapping did and cost, as <c>report.json</c> (every number) and <c>report.md</c> (for people):
/// utilisation per core and in total; per projection the weight step, errors, clipping, levels and
/// delays clamped; per population the time constants asked for and realised, threshold and rest;
/// the changes made to the network; traffic, energy and latency per simulated second.
/// </summary>
public static class MappingReport
{
    public static void Write(Network network, DigitalMapping mapping, AtomicDirectory output)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        using (var stream = output.Create("report.json"))
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("model", network.Settings.Name);
            json.WriteString("target", mapping.Target.Name);
            json.WriteNumber("cores_used", mapping.Partition.CoreCount);
            json.WriteNumber("cores_available", hardware.Chip.Chips * hardware.Chip.CoresPerChip);
            json.WriteStartArray("cores");
            foreach (var slice in mapping.Partition.Cores)
            {
                var route = mapping.Routing.Routes[slice.Core];
                json.WriteStartObject();
                json.WriteNumber("core", slice.Core);
                json.WriteString("neurons_of", $"{network.Populations[slice.Population].Name}[{slice.Start}:{slice.End}]");
                json.WriteNumber("neurons", slice.Count / (double)hardware.Core.Neurons);
                json.WriteNumber("synapse_memory", slice.SynapseBits / (double)hardware.Core.SynapseMemoryBits);
                json.WriteNumber("input_axons", slice.InputAxons / (double)hardware.Core.InputAxons);
                json.WriteNumber("output_axons", route.OutputAxons / (double)hardware.Core.OutputAxons);
                json.WriteNumber("routing_entries", route.Destinations.Length / (double)hardware.Routing.TableEntries);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("projections");
            foreach (var p in mapping.Projections)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("target_state", p.TargetState);
                json.WriteNumber("exponent", p.Exponent);
                json.WriteNumber("weight_step", p.WeightStep);
                json.WriteNumber("rms_error", p.Weights.RmsError);
                json.WriteNumber("max_error", p.Weights.MaxError);
                json.WriteNumber("clipped_fraction", p.Weights.ClippedFraction);
                json.WriteNumber("zeroed_fraction", p.Weights.ZeroedFraction);
                json.WriteNumber("levels_used", p.Weights.LevelsUsed);
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
                    json.WriteNumber("requested_s", Finite(d.RequestedTau));
                    json.WriteNumber("realised_s", Finite(d.RealisedTau));
                    json.WriteNumber("decay", d.Decay);
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
            json.WriteStartArray("changes");
            foreach (var change in mapping.Changes)
            {
                json.WriteStringValue(change);
            }
            json.WriteEndArray();
            json.WriteStartObject("per_simulated_second");
            json.WriteNumber("spikes", mapping.Costs.SpikesPerSecond);
            json.WriteNumber("hops", mapping.Costs.HopsPerSecond);
            json.WriteNumber("synaptic_events", mapping.Costs.SynapticEventsPerSecond);
            json.WriteNumber("energy_j", mapping.Costs.EnergyPerSecond);
            json.WriteEndObject();
            json.WriteNumber("step_latency_s", mapping.Costs.StepLatency);
            json.WriteNumber("max_hops", mapping.Costs.MaxHops);
            json.WriteEndObject();
        }
        using var md = output.CreateText("report.md");
        md.Write(Text(network, mapping));
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : -1;

    /// <summary>The readable summary (also printed by <c>neuroc compile</c>).</summary>
    public static string Text(Network network, DigitalMapping mapping)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        var c = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        var cores = mapping.Partition.Cores;
        w.AppendLine(string.Format(c, "# {0} on {1}", network.Settings.Name, mapping.Target.Name));
        w.AppendLine();
        w.AppendLine(string.Format(c, "{0} of {1} cores. Per core, the largest use: neurons {2:P0}, synapse memory {3:P0}, input axons {4:P0}, output axons {5:P0}, routing entries {6:P0}.",
            cores.Length, hardware.Chip.Chips * hardware.Chip.CoresPerChip,
            cores.Max(s => s.Count / (double)hardware.Core.Neurons), cores.Max(s => s.SynapseBits / (double)hardware.Core.SynapseMemoryBits),
            cores.Max(s => s.InputAxons / (double)hardware.Core.InputAxons),
            mapping.Routing.Routes.Max(r => r.OutputAxons / (double)hardware.Core.OutputAxons),
            mapping.Routing.Routes.Max(r => r.Destinations.Length / (double)hardware.Routing.TableEntries)));
        foreach (var step in mapping.Partition.Steps)
        {
            w.AppendLine($"- {step}");
        }
        w.AppendLine();
        w.AppendLine("| projection | feeds | exponent | step | RMS error | max error | clipped | zeroed | levels | delays clamped |");
        w.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in mapping.Projections)
        {
            w.AppendLine(string.Format(c, "| {0} | {1} | {2} | {3:G4} | {4:G3} | {5:G3} | {6:P2} | {7:P2} | {8} | {9} |", p.Name, p.TargetState, p.Exponent,
                p.WeightStep, p.Weights.RmsError, p.Weights.MaxError, p.Weights.ClippedFraction, p.Weights.ZeroedFraction, p.Weights.LevelsUsed, p.DelaysClamped));
        }
        w.AppendLine();
        w.AppendLine("| population | state | τ asked, ms | τ realised, ms | decay (of " + hardware.Formats.DecayUnity + ") |");
        w.AppendLine("|---|---|---:|---:|---:|");
        foreach (var p in mapping.Populations)
        {
            foreach (var d in p.Neuron.Decays)
            {
                w.AppendLine(string.Format(c, "| {0} | {1} | {2:0.###} | {3:0.###} | {4} |", p.Name, d.State, d.RequestedTau * 1e3, d.RealisedTau * 1e3, d.Decay));
            }
        }
        w.AppendLine();
        w.AppendLine(mapping.Changes.IsEmpty ? "Changes to the network: none." : "Changes to the network:");
        foreach (var change in mapping.Changes)
        {
            w.AppendLine($"- {change}");
        }
        w.AppendLine();
        w.AppendLine(string.Format(c, "Per simulated second: {0:G3} spikes sent, {1:G3} hops, {2:G3} synaptic events, {3:G3} J; one step's worst latency {4:G3} s ({5} hops).",
            mapping.Costs.SpikesPerSecond, mapping.Costs.HopsPerSecond, mapping.Costs.SynapticEventsPerSecond, mapping.Costs.EnergyPerSecond,
            mapping.Costs.StepLatency, mapping.Costs.MaxHops));
        return w.ToString();
    }
}
