using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// What a mapping did and cost, as <c>report.json</c> (every number) and <c>report.md</c> (for people):
/// utilisation per core (the model's and the relay cores) and in total; the relays inserted; per projection the
/// weight step, errors, clipping, levels, delays clamped and delays the relays lengthened; per population the time
/// constants asked for and realised (with the decay: d of the unity, or the shifts on a circuit that decays by shifts),
/// the threshold in integers of the membrane unit and realised, and rest; the changes made to the network; what the target represents
/// far from the model (warnings); traffic, energy and latency per simulated second.
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
            var relays = mapping.Routing.Relays;
            var types = mapping.Axons.ToDictionary(a => a.Core, a => a.Types.Length);
            json.WriteNumber("cores_used", mapping.CoreCount);
            json.WriteNumber("model_cores", mapping.Partition.CoreCount);
            json.WriteNumber("relay_cores", relays.Cores.Length);
            json.WriteNumber("cores_available", hardware.Chip.Chips * hardware.Chip.CoresPerChip);
            json.WriteStartArray("cores");
            foreach (var use in Uses(network, mapping))
            {
                var route = mapping.Routing.Routes[use.Core];
                json.WriteStartObject();
                json.WriteNumber("core", use.Core);
                json.WriteString("neurons_of", use.Neurons);
                json.WriteBoolean("relay", use.Relay);
                json.WriteNumber("neurons", use.Count / (double)hardware.Core.Neurons);
                json.WriteNumber("synapse_memory", use.SynapseBits / (double)hardware.Core.SynapseMemoryBits);
                json.WriteNumber("input_axons", use.InputAxons / (double)hardware.Core.InputAxons);
                json.WriteNumber("output_axons", route.OutputAxons / (double)hardware.Core.OutputAxons);
                json.WriteNumber("routing_entries", route.Destinations.Length / (double)hardware.Routing.TableEntries);
                if (hardware.Core.BinaryCrossbar)
                {
                    json.WriteNumber("axon_types", types.GetValueOrDefault(use.Core) / (double)Math.Max(1, hardware.Core.AxonTypes));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("relays");
            json.WriteNumber("relay_neurons", relays.Neurons.Length);
            json.WriteNumber("relay_cores", relays.Cores.Length);
            json.WriteNumber("relayed_neurons", relays.RelayedNeurons);
            json.WriteNumber("fan_out_limit", relays.FanOutLimit);
            json.WriteNumber("max_levels", relays.MaxLevels);
            json.WriteNumber("steps_per_level", relays.LinkDelay);
            json.WriteNumber("delays_lengthened", mapping.Projections.Sum(p => (long)p.DelaysLengthened));
            json.WriteEndObject();
            json.WriteStartArray("projections");
            foreach (var p in mapping.Projections)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteString("target_state", p.TargetState);
                json.WriteNumber("exponent", p.Exponent);
                ReportJson.WriteWeights(json, p.Weights);
                json.WriteNumber("delays_clamped", p.DelaysClamped);
                json.WriteNumber("delays_lengthened", p.DelaysLengthened);
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
                    json.WriteNumber("realised_s", ReportJson.Seconds(d.RealisedTau));   // -1: no decay at all
                    if (d.IsShift)
                    {
                        json.WriteString("shifts", string.Join(" ", d.Shifts));
                    }
                    else
                    {
                        json.WriteNumber("decay", d.Decay);
                    }
                    json.WriteBoolean("represented", DigitalMapper.Represents(d));
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
            json.WriteStartArray("learning");
            foreach (var l in mapping.Learning)
            {
                var c = l.Configuration;
                json.WriteStartObject();
                json.WriteString("projection", network.Projections[c.Projection].Name);
                json.WriteString("rule", c.Rule);
                json.WriteNumber("trace_bits", c.TraceBits);
                json.WriteNumber("tau_pre_requested_s", l.Rule.TauPre);
                json.WriteNumber("tau_pre_realised_s", l.RealisedTauPre);
                json.WriteNumber("tau_post_requested_s", l.Rule.TauPost);
                json.WriteNumber("tau_post_realised_s", l.RealisedTauPost);
                json.WriteNumber("weight_min_mantissa", c.WeightMin);
                json.WriteNumber("weight_max_mantissa", c.WeightMax);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            ReportJson.WriteStrings(json, "changes", mapping.Changes);
            ReportJson.WriteStrings(json, "warnings", mapping.Warnings);
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


    /// <summary>A time constant in ms for the table; "∞ (no decay)" when it does not decay.</summary>
    private static string Milliseconds(double tau) =>
        double.IsPositiveInfinity(tau) ? "∞ (no decay)" : (tau * 1e3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>What one core holds and uses of its neurons, synapse memory and input axons.</summary>
    private sealed record CoreUse(int Core, string Neurons, bool Relay, int Count, long SynapseBits, int InputAxons);

    /// <summary>Every core's use: the model's cores, then the relay cores.</summary>
    private static IEnumerable<CoreUse> Uses(Network network, DigitalMapping mapping) =>
        mapping.Partition.Cores.Select(s => new CoreUse(s.Core, $"{network.Populations[s.Population].Name}[{s.Start}:{s.End}]", false, s.Count, s.SynapseBits, s.InputAxons))
            .Concat(mapping.Routing.Relays.Cores.Select(r => new CoreUse(r.Core, $"relays[{r.First}:{r.End}]", true, r.Count, r.SynapseBits, r.InputAxons)));

    /// <summary>The readable summary (also printed by <c>neuroc compile</c>).</summary>
    public static string Text(Network network, DigitalMapping mapping)
    {
        var hardware = (DigitalHardware)mapping.Target.Hardware;
        var c = CultureInfo.InvariantCulture;
        var w = new StringBuilder();
        var cores = Uses(network, mapping).ToList();
        var relays = mapping.Routing.Relays;
        w.AppendLine(string.Format(c, "# {0} on {1}", network.Settings.Name, mapping.Target.Name));
        w.AppendLine();
        w.AppendLine(string.Format(c, "{0} of {1} cores{7}. Per core, the largest use: neurons {2:P0}, synapse memory {3:P0}, input axons {4:P0}, output axons {5:P0}, routing entries {6:P0}.",
            cores.Count, hardware.Chip.Chips * hardware.Chip.CoresPerChip,
            cores.Max(s => s.Count / (double)hardware.Core.Neurons), cores.Max(s => s.SynapseBits / (double)hardware.Core.SynapseMemoryBits),
            cores.Max(s => s.InputAxons / (double)hardware.Core.InputAxons),
            mapping.Routing.Routes.Max(r => r.OutputAxons / (double)hardware.Core.OutputAxons),
            mapping.Routing.Routes.Max(r => r.Destinations.Length / (double)hardware.Routing.TableEntries),
            relays.Cores.IsEmpty ? "" : $" ({mapping.Partition.CoreCount} for the model, {relays.Cores.Length} of relays)"));
        foreach (var step in mapping.Partition.Steps)
        {
            w.AppendLine($"- {step}");
        }
        if (!relays.Neurons.IsEmpty)
        {
            w.AppendLine(string.Format(c, "- relays: {0:N0} relay neurons on {1:N0} cores carry the spikes of {2:N0} neurons whose fan-out exceeds {3}; up to {4} level(s), {5} device step(s) each",
                relays.Neurons.Length, relays.Cores.Length, relays.RelayedNeurons, relays.FanOutLimit, relays.MaxLevels, relays.LinkDelay));
        }
        if (hardware.Core.BinaryCrossbar)
        {
            w.AppendLine(string.Format(c, "- axon types (binary crossbar): at most {0} of {1} per core, one per projection feeding it",
                mapping.Axons.Select(a => a.Types.Length).DefaultIfEmpty(0).Max(), hardware.Core.AxonTypes));
        }
        w.AppendLine();
        w.AppendLine("| projection | feeds | exponent | step | RMS error | max error | clipped | zeroed | levels | delays clamped | delays lengthened |");
        w.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in mapping.Projections)
        {
            w.AppendLine(string.Format(c, "| {0} | {1} | {2} | {3:G4} | {4:G3} | {5:G3} | {6:P2} | {7:P2} | {8} | {9} | {10} |", p.Name, p.TargetState, p.Exponent,
                p.WeightStep, p.Weights.RmsError, p.Weights.MaxError, p.Weights.ClippedFraction, p.Weights.ZeroedFraction, p.Weights.LevelsUsed, p.DelaysClamped,
                p.DelaysLengthened));
        }
        w.AppendLine();
        w.AppendLine("| population | state | τ asked, ms | τ realised, ms | " + (hardware.Neuron.Decay == "shift" ? "shifts" : "decay (of " + hardware.Formats.DecayUnity + ")") + " |");
        w.AppendLine("|---|---|---:|---:|---:|");
        foreach (var p in mapping.Populations)
        {
            foreach (var d in p.Neuron.Decays)
            {
                w.AppendLine(string.Format(c, "| {0} | {1} | {2} | {3} | {4} |", p.Name, d.State, Milliseconds(d.RequestedTau), Milliseconds(d.RealisedTau), d.Describe()));
            }
        }
        w.AppendLine();
        long usual = 1L << Math.Max(0, hardware.Formats.ThresholdBits - 2);
        foreach (var p in mapping.Populations)
        {
            w.AppendLine(string.Format(c, "- {0}: threshold {1:N0} integers of {2:G4} above the reset, realised {3:G6}; rest {4:N0} integers, realised {5:G6}; bias {6:N0}{7}",
                p.Name, p.Neuron.Threshold, p.Neuron.MembraneUnit, p.Neuron.RealisedThreshold, p.Neuron.Rest, p.Neuron.RealisedRest, p.Neuron.Bias,
                p.Neuron.Threshold < usual ? string.Format(c, " (a coarser unit than the threshold's 2^{0}, so that the largest incoming weight fits the {1}-bit weights)",
                    Math.Max(0, hardware.Formats.ThresholdBits - 2), hardware.Formats.WeightBitsMax) : ""));
        }
        w.AppendLine();
        foreach (var l in mapping.Learning)
        {
            var lc = l.Configuration;
            var step = mapping.Projections.Single(p => p.Projection == lc.Projection).WeightStep;
            w.AppendLine(string.Format(c, "Learning on chip, {0} ({1}): traces of {2} bits, τ pre {3:0.###} ms (asked {4:0.###}), τ post {5:0.###} ms (asked {6:0.###}); " +
                "a pairing at a full impulse changes a weight by {7:0.##} and {8:0.##} mantissa steps (potentiation, depression); weights {9}–{10} steps of {11:G4}.",
                network.Projections[lc.Projection].Name, lc.Rule, lc.TraceBits, l.RealisedTauPre * 1e3, l.Rule.TauPre * 1e3, l.RealisedTauPost * 1e3, l.Rule.TauPost * 1e3,
                lc.PreImpulse * new FixedPoint(lc.PotentiationMantissa, lc.PotentiationShift).Value, lc.PostImpulse * new FixedPoint(lc.DepressionMantissa, lc.DepressionShift).Value,
                lc.WeightMin, lc.WeightMax, step));
            w.AppendLine();
        }
        w.AppendLine(mapping.Changes.IsEmpty ? "Changes to the network: none." : "Changes to the network:");
        foreach (var change in mapping.Changes)
        {
            w.AppendLine($"- {change}");
        }
        if (!mapping.Warnings.IsEmpty)
        {
            w.AppendLine();
            w.AppendLine("What the target represents far from the model:");
            foreach (var warning in mapping.Warnings)
            {
                w.AppendLine($"- {warning}");
            }
        }
        w.AppendLine();
        w.AppendLine(string.Format(c, "Per simulated second: {0:G3} spikes sent, {1:G3} hops, {2:G3} synaptic events, {3:G3} J; one step's worst latency {4:G3} s ({5} hops).",
            mapping.Costs.SpikesPerSecond, mapping.Costs.HopsPerSecond, mapping.Costs.SynapticEventsPerSecond, mapping.Costs.EnergyPerSecond,
            mapping.Costs.StepLatency, mapping.Costs.MaxHops));
        return w.ToString();
    }
}
