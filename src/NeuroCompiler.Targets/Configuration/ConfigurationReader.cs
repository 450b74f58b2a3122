using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Reads a configuration folder written by <see cref="ConfigurationWriter"/> and checks it: the format
/// and version, every field's kind, that every core file the manifest promises is there, that synapses
/// point at neurons the core has, and, given the target, that every core keeps the target's limits.
/// Problems are diagnostics with the file, line and column; the result is null when there was one.
/// </summary>
public static class ConfigurationReader
{
    public static DigitalConfiguration? Read(string folder, DigitalHardware? hardware, DiagnosticBag diagnostics)
    {
        int before = diagnostics.Items.Count(d => d.IsError);
        if (Open(Path.Combine(folder, "manifest.json"), diagnostics) is not { } manifest)
        {
            return null;
        }
        var format = manifest.String("format");
        if (format is not null && format != DigitalConfiguration.Format)
        {
            manifest.Report(ErrorCode.TargetValueOutOfRange, manifest.Span, $"this is not a digital configuration (format \"{format}\", expected \"{DigitalConfiguration.Format}\")");
        }
        var version = manifest.Integer("version", 1, DigitalConfiguration.Version);
        var model = manifest.String("model");
        var modelHash = manifest.String("model_sha256");
        var target = manifest.String("target");
        var targetHash = manifest.String("target_sha256");
        var seedText = manifest.String("seed");
        ulong seed = 0;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            manifest.Report(ErrorCode.TargetValueType, manifest.Span, $"'seed' must be a whole number in a string, not \"{seedText}\"");
        }
        var timestep = manifest.Number("device_timestep_s", 1e-9, 10);
        var coreCount = manifest.Integer("cores", 0, 1 << 24);
        var projections = ImmutableArray.CreateBuilder<ProjectionConfiguration>();
        if (manifest.Array("projections") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (item is not JsonObject o)
                {
                    manifest.Report(ErrorCode.TargetValueType, item.Span, "each projection is an object");
                    continue;
                }
                var p = new FieldReader(o, $"projections[{projections.Count}]", manifest.Text, diagnostics);
                var index = p.Integer("index", 0, int.MaxValue);
                var name = p.String("name");
                var state = p.String("target_state");
                var exponent = p.Integer("exponent", -64, 64);
                p.Done();
                if (index is { } i && name is { } n && state is { } s && exponent is { } e)
                {
                    projections.Add(new ProjectionConfiguration((int)i, n, s, (int)e));
                }
            }
        }
        manifest.Done();
        var cores = ImmutableArray.CreateBuilder<CoreConfiguration>();
        for (int c = 0; c < (coreCount ?? 0); c++)
        {
            if (Core(Path.Combine(folder, ConfigurationWriter.CoreFile(c)), c, projections.Select(p => p.Projection).ToHashSet(), hardware, diagnostics) is { } core)
            {
                cores.Add(core);
            }
        }
        if (diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        return new DigitalConfiguration(model!, modelHash!, target!, targetHash!, seed, timestep!.Value, projections.ToImmutable(), cores.ToImmutable());
    }

    internal static FieldReader? Open(string path, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(ErrorCode.CannotReadFile, null, $"{path}: the configuration has no such file");
            return null;
        }
        var text = SourceText.From(File.ReadAllText(path), path);
        var root = JsonParser.Parse(text, diagnostics);
        if (root is JsonObject o)
        {
            return new FieldReader(o, "", text, diagnostics);
        }
        if (root is not null)
        {
            diagnostics.Error(ErrorCode.TargetValueType, text, root.Span, $"the file holds {root.Kind}, not an object");
        }
        return null;
    }

    private static CoreConfiguration? Core(string path, int expected, HashSet<int> projections, DigitalHardware? hardware, DiagnosticBag diagnostics)
    {
        if (Open(path, diagnostics) is not { } core)
        {
            return null;
        }
        int before = diagnostics.Items.Count(d => d.IsError);
        var index = core.Integer("core", expected, expected);
        var chip = core.Integer("chip", 0, int.MaxValue);
        var x = core.Integer("x", 0, int.MaxValue);
        var y = core.Integer("y", 0, int.MaxValue);
        var population = core.Integer("population", 0, int.MaxValue);
        var start = core.Integer("start", 0, int.MaxValue);
        var count = core.Integer("count", 1, hardware?.Core.Neurons ?? int.MaxValue);
        var decays = ImmutableArray.CreateBuilder<(string, int)>();
        long? threshold = null, bias = null, rest = null, refractory = null;
        string? membrane = null;
        if (core.Object("neuron") is { } neuron)
        {
            membrane = neuron.String("membrane");
            if (neuron.Object("decays") is { } d)
            {
                foreach (var state in d.Names.ToList())
                {
                    if (d.Integer(state, 0, hardware?.Formats.DecayUnity ?? int.MaxValue) is { } value)
                    {
                        decays.Add((state, (int)value));
                    }
                }
                d.Done();
            }
            long limit = hardware is null ? long.MaxValue : (1L << (hardware.Formats.ThresholdBits - 1)) - 1;
            threshold = neuron.Integer("threshold", 1, limit);
            bias = neuron.Integer("bias", long.MinValue / 2, long.MaxValue / 2);
            rest = neuron.Integer("rest", long.MinValue / 2, long.MaxValue / 2);
            refractory = neuron.Integer("refractory_steps", 0, int.MaxValue);
            neuron.Done();
        }
        var synapses = ImmutableArray.CreateBuilder<ConfiguredSynapse>();
        if (core.Array("synapses") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (item is not JsonArray { Items: [JsonNumber p, JsonNumber sp, JsonNumber sn, JsonNumber t, JsonNumber m, JsonNumber de] })
                {
                    core.Report(ErrorCode.TargetValueType, item.Span, "a synapse is [projection, source population, source neuron, target, mantissa, delay]");
                    continue;
                }
                var synapse = new ConfiguredSynapse((int)p.Value, (int)sp.Value, (int)sn.Value, (int)t.Value, (int)m.Value, (int)de.Value);
                if (!projections.Contains(synapse.Projection) || synapse.Target < 0 || synapse.Target >= (count ?? 0) ||
                    hardware is not null && (synapse.Delay < hardware.Delays.MinSteps || synapse.Delay > hardware.Delays.MaxSteps ||
                        synapse.Mantissa < -(1L << (hardware.Formats.WeightBitsMax - 1)) || synapse.Mantissa > (1L << (hardware.Formats.WeightBitsMax - 1)) - 1))
                {
                    core.Report(ErrorCode.TargetValueOutOfRange, item.Span, "this synapse names an unknown projection, a neuron the core does not have, or a weight or delay beyond the target's range");
                    continue;
                }
                synapses.Add(synapse);
            }
            if (hardware is not null && (long)synapses.Count * (hardware.Core.SynapseOverheadBits + hardware.Formats.WeightBitsMax) > hardware.Core.SynapseMemoryBits)
            {
                core.Report(ErrorCode.TargetLimitExceeded, list.Span, $"{synapses.Count:N0} synapses do not fit the core's {hardware.Core.SynapseMemoryBits:N0} bits of synapse memory");
            }
        }
        var routes = ImmutableArray.CreateBuilder<int>();
        if (core.Array("routes") is { } routeList)
        {
            foreach (var item in routeList.Items)
            {
                if (item is JsonNumber { Value: var r } && r >= 0 && r == Math.Floor(r))
                {
                    routes.Add((int)r);
                }
                else
                {
                    core.Report(ErrorCode.TargetValueType, item.Span, "a route is a core number");
                }
            }
            if (hardware is not null && routes.Count > hardware.Routing.TableEntries)
            {
                core.Report(ErrorCode.TargetLimitExceeded, routeList.Span, $"{routes.Count} routes exceed the target's {hardware.Routing.TableEntries} routing-table entries");
            }
        }
        core.Done();
        if (diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        return new CoreConfiguration((int)index!, (int)chip!, (int)x!, (int)y!, (int)population!, (int)start!, (int)count!, membrane!, decays.ToImmutable(),
            threshold!.Value, bias!.Value, rest!.Value, (int)refractory!, synapses.ToImmutable(), routes.ToImmutable());
    }
}
