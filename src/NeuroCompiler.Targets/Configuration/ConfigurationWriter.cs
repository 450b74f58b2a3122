using System.Globalization;
using System.Text.Json;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Writes a <see cref="DigitalConfiguration"/>: <c>manifest.json</c> and one <c>core-NNNN.json</c> per core,
/// each synapse as [projection, source population, source neuron, target neuron on the core,
/// mantissa, delay in device steps]. Numbers are written so that reading them back gives the same
/// values (doubles round-trip).
/// </summary>
public static class ConfigurationWriter
{
    public static void Write(DigitalConfiguration configuration, AtomicDirectory output)
    {
        using (var stream = output.Create("manifest.json"))
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", DigitalConfiguration.Format);
            json.WriteNumber("version", DigitalConfiguration.Version);
            json.WriteString("model", configuration.Model);
            json.WriteString("model_sha256", configuration.ModelHash);
            json.WriteString("target", configuration.Target);
            json.WriteString("target_sha256", configuration.TargetHash);
            json.WriteString("seed", configuration.Seed.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("device_timestep_s", configuration.DeviceTimestep);
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
            json.WriteEndObject();
        }
        foreach (var core in configuration.Cores)
        {
            using var stream = output.Create(CoreFile(core.Core));
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
            foreach (var (state, decay) in core.Decays)
            {
                json.WriteNumber(state, decay);
            }
            json.WriteEndObject();
            json.WriteNumber("threshold", core.Threshold);
            json.WriteNumber("bias", core.Bias);
            json.WriteNumber("rest", core.Rest);
            json.WriteNumber("refractory_steps", core.RefractorySteps);
            json.WriteEndObject();
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
            json.WriteEndObject();
        }
    }

    public static string CoreFile(int core) => $"core-{core:D4}.json";
}
