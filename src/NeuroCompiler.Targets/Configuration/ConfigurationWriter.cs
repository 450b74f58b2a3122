using System.Globalization;
using System.Text.Json;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Writes a <see cref="DigitalConfiguration"/> (version <see cref="DigitalConfiguration.Version"/>):
/// <list type="bullet">
/// <item><c>manifest.json</c>: <c>format</c>, <c>version</c>, <c>model</c>, <c>model_sha256</c>, <c>target</c>,
/// <c>target_sha256</c>, <c>seed</c> (a whole number in a string), <c>device_timestep_s</c>, the model's outline
/// (<c>model_timestep_s</c>, <c>duration_s</c>, <c>populations</c>: <see cref="ModelOutline"/>), <c>cores</c> (how many
/// core files), <c>projections</c> (each { <c>index</c>, <c>name</c>, <c>target_state</c>, <c>exponent</c> }; the relay
/// projection among them when there are relays), and, only when the mapping inserted relays, <c>relays</c>
/// { <c>population</c>: the relay neurons' population number, <c>projection</c>: the relay synapses' projection
/// number, <c>neurons</c>: how many relay neurons }, and, only when a projection learns on chip, <c>learning</c>
/// (<see cref="LearningConfigurationJson"/>); last, <c>files</c> (each core file's SHA-256) and <c>manifest_sha256</c>
/// (<see cref="ConfigurationFiles"/>);</item>
/// <item>one <c>core-NNNN.json</c> per core: <c>core</c>, <c>chip</c>, <c>x</c>, <c>y</c>, <c>population</c>,
/// <c>start</c>, <c>count</c> (its neurons; relay neurons on a relay core); <c>neuron</c> { <c>membrane</c>,
/// <c>decays</c> { state: decay } (on a circuit that decays by a multiplier, d of the decay unity; on one that decays by
/// shifts, the list of shifts k of x − Σ (x ≫ k), [] for none: version 3), <c>threshold</c>, <c>bias</c>, <c>rest</c>, <c>refractory_steps</c> };
/// <c>initial</c>, each neuron's membrane at the start (version 4);
/// <c>synapses</c>, each [projection, source population, source neuron, target neuron on the core, mantissa, delay in
/// device steps] (the source is the neuron whose spikes arrive: a relay for a relayed neuron); <c>routes</c> (destination
/// cores); and on a binary-crossbar target <c>axons</c>, each [source population, source neuron, axon type], and
/// <c>axon_types</c>, each { <c>projection</c>, <c>weights</c>: one mantissa per neuron of the core }.</item>
/// </list>
/// Numbers are written so that reading them back gives the same values (doubles round-trip).
/// </summary>
public static class ConfigurationWriter
{
    public static void Write(DigitalConfiguration configuration, AtomicDirectory output)
    {
        var files = new ConfigurationFiles(output);
        foreach (var core in configuration.Cores)
        {
            WriteCore(core, files);
        }
        files.WriteManifest(json =>
        {
            new ManifestIdentity(configuration.Model, configuration.ModelHash, configuration.Target, configuration.TargetHash, configuration.Seed,
                configuration.DeviceTimestep).Write(json, DigitalConfiguration.Format, DigitalConfiguration.Version);
            // What load needs is in every configuration written: without it the files could not be run alone.
            (configuration.Outline ?? throw new ArgumentException("a configuration is written with its model's outline", nameof(configuration))).Write(json);
            json.WriteNumber("cores", configuration.Cores.Length);
            json.WriteStartArray("projections");
            foreach (var p in configuration.Projections)
            {
                json.WriteStartObject();
                json.WriteNumber("index", p.Projection);
                json.WriteString("name", p.Name);
                json.WriteString("target_state", p.TargetState);
                json.WriteNumber("exponent", p.Exponent);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (configuration.Relays is { } relays)
            {
                json.WriteStartObject("relays");
                json.WriteNumber("population", relays.Population);
                json.WriteNumber("projection", relays.Projection);
                json.WriteNumber("neurons", relays.Neurons);
                json.WriteEndObject();
            }
            LearningConfigurationJson.Write(json, configuration.Learning);
        });
    }

    private static void WriteCore(CoreConfiguration core, ConfigurationFiles files)
    {
        using var stream = files.Create(CoreFile(core.Core));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("core", core.Core);
        json.WriteNumber("chip", core.Chip);
        json.WriteNumber("x", core.X);
        json.WriteNumber("y", core.Y);
        json.WriteNumber("population", core.Population);
        json.WriteNumber("start", core.Start);
        json.WriteNumber("count", core.Count);
        json.WriteStartObject("neuron");
        json.WriteString("membrane", core.Membrane);
        json.WriteStartObject("decays");
        foreach (var decay in core.Decays)
        {
            if (decay.IsShift)
            {
                json.WriteStartArray(decay.State);
                foreach (int shift in decay.Shifts)
                {
                    json.WriteNumberValue(shift);
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteNumber(decay.State, decay.Decay);
            }
        }
        json.WriteEndObject();
        json.WriteNumber("threshold", core.Threshold);
        json.WriteNumber("bias", core.Bias);
        json.WriteNumber("rest", core.Rest);
        json.WriteNumber("refractory_steps", core.RefractorySteps);
        json.WriteEndObject();
        json.WriteStartArray("initial");
        foreach (long v in core.Initial)
        {
            json.WriteNumberValue(v);
        }
        json.WriteEndArray();
        json.WriteStartArray("synapses");
        foreach (var s in core.Synapses)
        {
            json.WriteStartArray();
            json.WriteNumberValue(s.Projection);
            json.WriteNumberValue(s.SourcePopulation);
            json.WriteNumberValue(s.SourceNeuron);
            json.WriteNumberValue(s.Target);
            json.WriteNumberValue(s.Mantissa);
            json.WriteNumberValue(s.Delay);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("routes");
        foreach (int route in core.Routes)
        {
            json.WriteNumberValue(route);
        }
        json.WriteEndArray();
        if (!core.AxonTypes.IsEmpty)
        {
            json.WriteStartArray("axons");
            foreach (var axon in core.Axons)
            {
                json.WriteStartArray();
                json.WriteNumberValue(axon.SourcePopulation);
                json.WriteNumberValue(axon.SourceNeuron);
                json.WriteNumberValue(axon.Type);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("axon_types");
            foreach (var type in core.AxonTypes)
            {
                json.WriteStartObject();
                json.WriteNumber("projection", type.Projection);
                json.WriteStartArray("weights");
                foreach (int weight in type.Weights)
                {
                    json.WriteNumberValue(weight);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static string CoreFile(int core) => $"core-{core:D4}.json";
}
