using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// Reads a configuration folder written by <see cref="ConfigurationWriter"/> (versions 1 to 3) and checks it: the
/// format and version, every field's kind, that every core file the manifest promises is there, that synapses point at
/// neurons the core has and at projections the manifest names, that relay cores hold relays (no decay, threshold 0, no
/// refractory period, fed by the relay projection with weight 1) covering every relay neuron once, that on a core with
/// axon types every synapse has an axon whose type is its projection's and whose weight for its neuron is its
/// mantissa, and, given the target, that every core keeps the target's limits (neurons, synapse memory, input axons,
/// axon types, weights, delays, routing entries, decays of the kind its neuron circuit has: integers of its decay unity,
/// or at most its decay terms of distinct shifts within its state bits). Problems are diagnostics with the file, line and column; the result
/// is null when there was one.
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
        var identity = ManifestIdentity.Read(manifest, DigitalConfiguration.Format, DigitalConfiguration.Version, "digital");
        bool current = manifest.Field("version", required: false) is JsonNumber { Value: >= DigitalConfiguration.LoadableSince };
        var outline = current ? ModelOutline.Read(manifest) : null;
        var coreCount = manifest.Integer("cores", 0, hardware is null ? 1 << 24 : (long)hardware.Chip.Chips * hardware.Chip.CoresPerChip);
        if (current && coreCount is { } files)
        {
            ConfigurationIntegrity.Check(folder, manifest, Enumerable.Range(0, (int)files).Select(ConfigurationWriter.CoreFile).ToList(), diagnostics);
        }
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
                // The mapper's exponents start at 0: a step below a state's own unit cannot be added to it.
                var exponent = hardware is null ? p.Integer("exponent", -64, 64)
                    : p.Integer("exponent", Math.Max(0, hardware.Formats.ExponentMin), Math.Max(0, hardware.Formats.ExponentMax));
                p.Done();
                if (index is { } i && projections.Any(q => q.Projection == i))
                {
                    manifest.Report(ErrorCode.TargetValueOutOfRange, item.Span, $"projection {i} is listed twice");
                }
                else if (index is { } j && name is { } n && state is { } s && exponent is { } e)
                {
                    projections.Add(new ProjectionConfiguration((int)j, n, s, (int)e));
                }
            }
        }
        var known = projections.ToDictionary(p => p.Projection);
        RelayConfiguration? relays = null;
        if (manifest.Object("relays", required: false) is { } r)
        {
            var population = r.Integer("population", 0, int.MaxValue);
            var projection = r.Integer("projection", 0, int.MaxValue);
            var neurons = r.Integer("neurons", 1, int.MaxValue);
            r.Done();
            if (projection is { } q && !known.ContainsKey((int)q))
            {
                r.Report(ErrorCode.TargetValueOutOfRange, r.Span, $"'relays.projection' is {q}, and no projection has that index");
            }
            else if (population is { } a && projection is { } b && neurons is { } c)
            {
                relays = new RelayConfiguration((int)a, (int)b, (int)c);
            }
        }
        var learning = LearningConfigurationJson.Read(manifest, known.Keys.ToHashSet(), hardware);
        manifest.Done();
        var cores = ImmutableArray.CreateBuilder<CoreConfiguration>();
        var spans = new List<CoreSpans>();
        for (int c = 0; c < (coreCount ?? 0); c++)
        {
            if (Core(Path.Combine(folder, ConfigurationWriter.CoreFile(c)), c, known, relays, hardware, current, diagnostics) is var (core, where))
            {
                cores.Add(core);
                spans.Add(where);
            }
        }
        if (relays is not null && diagnostics.Items.Count(d => d.IsError) == before)
        {
            // Relay cores hold every relay neuron once, in order.
            var relayCores = cores.Where(c => c.Population == relays.Population).ToList();
            bool tiled = relayCores.Select(c => c.Count).Sum() == relays.Neurons &&
                         relayCores.Zip(relayCores.Skip(1)).All(p => p.First.Start + p.First.Count == p.Second.Start) && relayCores[0].Start == 0;
            if (!tiled)
            {
                manifest.Report(ErrorCode.TargetValueOutOfRange, manifest.Span, $"the relay cores do not hold relay neurons 0 to {relays.Neurons - 1} once each, in order");
            }
        }
        if (diagnostics.Items.Count(d => d.IsError) == before)
        {
            // Only whole cores are checked together: a core that could not be read would make every check after it speak of it.
            DigitalConsistency.Check(cores, spans, known, relays, outline, hardware, manifest);
        }
        if (diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        var id = identity!;
        return new DigitalConfiguration(id.Model, id.ModelHash, id.Target, id.TargetHash, id.Seed, id.DeviceTimestep, projections.ToImmutable(), cores.ToImmutable())
        {
            Relays = relays,
            Learning = learning,
            Outline = outline,
        };
    }

    internal static FieldReader? Open(string path, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(ErrorCode.CannotReadFile, null, $"{path}: the configuration has no such file");
            return null;
        }
        if (BoundedFile.Read(path, NeuroCompiler.Core.Limits.MaxConfigurationFileBytes) is not { } bytes)
        {
            diagnostics.Error(ErrorCode.CannotReadFile, null, $"{path}: the file holds more than {NeuroCompiler.Core.Limits.MaxConfigurationFileBytes:N0} bytes, more than any configuration file");
            return null;
        }
        var text = SourceText.From(new System.Text.UTF8Encoding(false).GetString(bytes), path);
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

    private static (CoreConfiguration, CoreSpans)? Core(string path, int expected, IReadOnlyDictionary<int, ProjectionConfiguration> projections, RelayConfiguration? relays,
        DigitalHardware? hardware, bool current, DiagnosticBag diagnostics)
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
        bool relayCore = relays is not null && population == relays.Population;
        if (relayCore && start + count > relays!.Neurons)
        {
            core.Report(ErrorCode.TargetValueOutOfRange, core.Span, $"this relay core holds relays {start} to {start + count - 1}, and there are {relays.Neurons}");
        }
        var decays = ImmutableArray.CreateBuilder<CoreDecay>();
        long? threshold = null, bias = null, rest = null, refractory = null;
        string? membrane = null;
        if (core.Object("neuron") is { } neuron)
        {
            membrane = neuron.String("membrane");
            if (neuron.Object("decays") is { } d)
            {
                foreach (var state in d.Names.ToList())
                {
                    if (Decay(d, state, hardware) is { } value)
                    {
                        decays.Add(value);
                    }
                }
                d.Done();
            }
            long limit = hardware is null ? long.MaxValue : (1L << (hardware.Formats.ThresholdBits - 1)) - 1;
            threshold = neuron.Integer("threshold", relayCore ? 0 : 1, limit);
            bias = neuron.Integer("bias", long.MinValue / 2, long.MaxValue / 2);
            rest = neuron.Integer("rest", long.MinValue / 2, long.MaxValue / 2);
            refractory = neuron.Integer("refractory_steps", 0, int.MaxValue);
            neuron.Done();
            if (relayCore && (decays.Any(e => !e.IsNone) || threshold != 0 || bias != 0 || rest != 0 || refractory != 0))
            {
                neuron.Report(ErrorCode.TargetValueOutOfRange, neuron.Span, "a relay core's neurons are relays: no decay, threshold 0, bias 0, rest 0 and no refractory period");
            }
        }
        var synapses = ImmutableArray.CreateBuilder<ConfiguredSynapse>();
        var spans = new List<TextSpan>();
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
                if (Problem(synapse, (int)(count ?? 0), relayCore, projections, relays, hardware) is { } problem)
                {
                    core.Report(ErrorCode.TargetValueOutOfRange, item.Span, $"this synapse {problem}");
                    continue;
                }
                synapses.Add(synapse);
                spans.Add(item.Span);
            }
            int sources = synapses.Select(s => (s.SourcePopulation, s.SourceNeuron)).Distinct().Count();
            if (hardware is not null && (long)synapses.Count * Partitioner.BitsPerSynapse(hardware) > hardware.Core.SynapseMemoryBits)
            {
                core.Report(ErrorCode.TargetLimitExceeded, list.Span, $"{synapses.Count:N0} synapses do not fit the core's {hardware.Core.SynapseMemoryBits:N0} bits of synapse memory");
            }
            if (hardware is not null && sources > hardware.Core.InputAxons)
            {
                core.Report(ErrorCode.TargetLimitExceeded, list.Span, $"the synapses come from {sources:N0} neurons, more than the core's {hardware.Core.InputAxons:N0} input axons");
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
        var (axons, types) = Axons(core, (int)(count ?? 0), synapses, spans, projections, hardware);
        var initial = current ? Initial(core, (int)(count ?? 0), hardware) : ImmutableArray<long>.Empty;
        var where = new CoreSpans(core.Text, core.Span, core.Field("x", required: false)?.Span ?? core.Span, core.Field("population", required: false)?.Span ?? core.Span,
            core.Field("routes", required: false)?.Span ?? core.Span, spans.ToImmutableArray(), core.Field("axons", required: false)?.Span ?? core.Span);
        core.Done();
        if (diagnostics.Items.Count(d => d.IsError) > before)
        {
            return null;
        }
        return (new CoreConfiguration((int)index!, (int)chip!, (int)x!, (int)y!, (int)population!, (int)start!, (int)count!, membrane!, decays.ToImmutable(),
            threshold!.Value, bias!.Value, rest!.Value, (int)refractory!, synapses.ToImmutable(), routes.ToImmutable())
        {
            Axons = axons,
            AxonTypes = types,
            Initial = initial,
        }, where);
    }

    /// <summary>A core's <c>initial</c> membranes (version 4): one whole number per neuron, within the target's state bits.</summary>
    private static ImmutableArray<long> Initial(FieldReader core, int count, DigitalHardware? hardware)
    {
        if (core.Array("initial") is not { } list)
        {
            return ImmutableArray<long>.Empty;
        }
        long max = hardware is null ? long.MaxValue / 2 : (1L << (hardware.Formats.StateBits - 1)) - 1;
        long min = hardware is null ? long.MinValue / 2 : -max - 1;
        if (list.Items.Length != count || list.Items.Any(v => v is not JsonNumber { Value: var n } || n != Math.Floor(n) || n < min || n > max))
        {
            core.Report(ErrorCode.TargetValueOutOfRange, list.Span,
                $"'initial' is one whole number per neuron of the core ({count}), each within the state's range ({min} to {max})");
            return ImmutableArray<long>.Empty;
        }
        return list.Items.Select(v => (long)((JsonNumber)v).Value).ToImmutableArray();
    }

    /// <summary>
    /// A state's decay: a whole number, d of the decay unity (in [0, unity] given the target), or a list of shifts (version 3),
    /// distinct whole numbers in [1, 63] (given the target: in [1, state bits − 1], at most its decay terms); given the target,
    /// of the kind its neuron circuit has (<c>shift</c>: a list; otherwise a number).
    /// </summary>
    private static CoreDecay? Decay(FieldReader decays, string state, DigitalHardware? hardware)
    {
        bool? shiftTarget = hardware is null ? null : hardware.Neuron.Decay == "shift";
        var value = decays.Field(state, required: true);
        if (value is not JsonArray list)
        {
            if (shiftTarget == true && value is JsonNumber)
            {
                decays.Report(ErrorCode.TargetValueOutOfRange, value.Span,
                    $"'{decays.Path}.{state}' is a number, and the target's neurons decay by shifts: a decay is a list of shifts (configuration version 3)");
                return null;
            }
            return decays.Integer(state, 0, hardware?.Formats.DecayUnity ?? int.MaxValue) is { } d ? CoreDecay.Multiplier(state, (int)d) : null;
        }
        if (shiftTarget == false)
        {
            decays.Report(ErrorCode.TargetValueOutOfRange, list.Span,
                $"'{decays.Path}.{state}' is a list of shifts, and the target's neurons decay by a multiplier: a decay is a whole number of its decay unity ({hardware!.Formats.DecayUnity})");
            return null;
        }
        int maxShift = hardware is null ? 63 : hardware.Formats.StateBits - 1;
        var shifts = ImmutableArray.CreateBuilder<int>();
        foreach (var item in list.Items)
        {
            if (item is not JsonNumber { Value: var k } || k != Math.Floor(k) || k < 1 || k > maxShift || shifts.Contains((int)k))
            {
                decays.Report(ErrorCode.TargetValueOutOfRange, item.Span, $"the shifts of '{decays.Path}.{state}' are distinct whole numbers from 1 to {maxShift}");
                return null;
            }
            shifts.Add((int)k);
        }
        if (hardware is not null && shifts.Count > hardware.Neuron.DecayTerms)
        {
            decays.Report(ErrorCode.TargetLimitExceeded, list.Span, $"'{decays.Path}.{state}' has {shifts.Count} shifts, and the target's neurons decay with at most {hardware.Neuron.DecayTerms}");
            return null;
        }
        return CoreDecay.Shift(state, shifts.ToImmutable());
    }

    /// <summary>What is wrong with a synapse of a core of <paramref name="count"/> neurons, or null.</summary>
    private static string? Problem(ConfiguredSynapse synapse, int count, bool relayCore, IReadOnlyDictionary<int, ProjectionConfiguration> projections,
        RelayConfiguration? relays, DigitalHardware? hardware)
    {
        bool relaySynapse = relays is not null && synapse.Projection == relays.Projection;
        if (!projections.ContainsKey(synapse.Projection))
        {
            return $"names projection {synapse.Projection}, which the manifest does not list";
        }
        if (synapse.Target < 0 || synapse.Target >= count)
        {
            return $"feeds neuron {synapse.Target}, and the core has {count}";
        }
        if (relaySynapse != relayCore)
        {
            return relayCore ? "feeds a relay, and is not of the relay projection" : "is of the relay projection, and this is not a relay core";
        }
        if (relaySynapse && synapse.Mantissa != 1)
        {
            return $"feeds a relay with weight {synapse.Mantissa}; a relay's synapse has weight 1";
        }
        if (relays is not null && synapse.SourcePopulation == relays.Population && (synapse.SourceNeuron < 0 || synapse.SourceNeuron >= relays.Neurons))
        {
            return $"comes from relay {synapse.SourceNeuron}, and there are {relays.Neurons}";
        }
        if (hardware is not null && (synapse.Delay < hardware.Delays.MinSteps || synapse.Delay > hardware.Delays.MaxSteps))
        {
            return $"has a delay of {synapse.Delay} steps, outside the target's {hardware.Delays.MinSteps}–{hardware.Delays.MaxSteps}";
        }
        long top = hardware is null ? long.MaxValue : (1L << (hardware.Formats.WeightBitsMax - 1)) - 1;
        if (synapse.Mantissa < -top - 1 || synapse.Mantissa > top)
        {
            return $"has a mantissa of {synapse.Mantissa}, beyond the target's {hardware!.Formats.WeightBitsMax}-bit weights";
        }
        return null;
    }

    /// <summary>
    /// A core's <c>axons</c> and <c>axon_types</c>: both or neither, and both on every core with synapses of a
    /// binary-crossbar target; at most the target's axon types, each a listed projection's, with one weight per neuron in
    /// the target's weight range; each axon a distinct source with a type there is; and every synapse on an axon of its
    /// projection's type whose weight for its neuron is the synapse's mantissa.
    /// </summary>
    private static (ImmutableArray<InputAxon>, ImmutableArray<AxonType>) Axons(FieldReader core, int count, IReadOnlyList<ConfiguredSynapse> synapses,
        IReadOnlyList<TextSpan> spans, IReadOnlyDictionary<int, ProjectionConfiguration> projections, DigitalHardware? hardware)
    {
        var none = (ImmutableArray<InputAxon>.Empty, ImmutableArray<AxonType>.Empty);
        var axonList = core.Array("axons", required: false);
        var typeList = core.Array("axon_types", required: false);
        if (axonList is null && typeList is null)
        {
            if (hardware is { Core.BinaryCrossbar: true } && synapses.Count > 0)
            {
                core.Report(ErrorCode.MissingTargetField, core.Span, "a core of a binary-crossbar target needs its 'axons' and 'axon_types' (configuration version 2)");
            }
            return none;
        }
        if (axonList is null || typeList is null)
        {
            core.Report(ErrorCode.MissingTargetField, core.Span, "'axons' and 'axon_types' go together");
            return none;
        }
        if (hardware is { Core.BinaryCrossbar: false })
        {
            core.Report(ErrorCode.TargetValueOutOfRange, typeList.Span, "the target has no binary crossbar, so its cores have no axon types");
            return none;
        }
        var types = ImmutableArray.CreateBuilder<AxonType>();
        long top = hardware is null ? long.MaxValue : (1L << (hardware.Formats.WeightBitsMax - 1)) - 1;
        foreach (var item in typeList.Items)
        {
            if (item is not JsonObject o)
            {
                core.Report(ErrorCode.TargetValueType, item.Span, "an axon type is an object { projection, weights }");
                continue;
            }
            var type = new FieldReader(o, $"axon_types[{types.Count}]", core.Text, core.Diagnostics);
            var projection = type.Integer("projection", 0, int.MaxValue);
            var weights = type.Array("weights");
            type.Done();
            if (projection is not { } p || weights is null)
            {
                continue;
            }
            if (!projections.ContainsKey((int)p))
            {
                core.Report(ErrorCode.TargetValueOutOfRange, item.Span, $"this axon type is projection {p}'s, which the manifest does not list");
                continue;
            }
            if (weights.Items.Length != count || weights.Items.Any(w => w is not JsonNumber { Value: var v } || v != Math.Floor(v) || v < -top - 1 || v > top))
            {
                core.Report(ErrorCode.TargetValueOutOfRange, weights.Span,
                    $"an axon type has one whole-number weight per neuron of the core ({count}){(hardware is null ? "" : $", each within the target's {hardware.Formats.WeightBitsMax}-bit weights")}");
                continue;
            }
            types.Add(new AxonType((int)p, weights.Items.Select(w => (int)((JsonNumber)w).Value).ToImmutableArray()));
        }
        if (hardware is not null && types.Count > hardware.Core.AxonTypes)
        {
            core.Report(ErrorCode.TargetLimitExceeded, typeList.Span, $"{types.Count} axon types, and the target's cores have {hardware.Core.AxonTypes}");
        }
        var axons = ImmutableArray.CreateBuilder<InputAxon>();
        var axonOf = new Dictionary<(int, int), InputAxon>();
        foreach (var item in axonList.Items)
        {
            if (item is not JsonArray { Items: [JsonNumber sp, JsonNumber sn, JsonNumber t] } || t.Value < 0 || t.Value >= types.Count || t.Value != Math.Floor(t.Value))
            {
                core.Report(ErrorCode.TargetValueType, item.Span, $"an axon is [source population, source neuron, axon type], the type one of the core's {types.Count}");
                continue;
            }
            var axon = new InputAxon((int)sp.Value, (int)sn.Value, (int)t.Value);
            if (!axonOf.TryAdd((axon.SourcePopulation, axon.SourceNeuron), axon))
            {
                core.Report(ErrorCode.TargetValueOutOfRange, item.Span, "a second axon from the same neuron");
                continue;
            }
            axons.Add(axon);
        }
        if (hardware is not null && axons.Count > hardware.Core.InputAxons)
        {
            core.Report(ErrorCode.TargetLimitExceeded, axonList.Span, $"{axons.Count} axons, and the target's cores have {hardware.Core.InputAxons} input axons");
        }
        for (int i = 0; i < synapses.Count; i++)
        {
            var s = synapses[i];
            string? problem = !axonOf.TryGetValue((s.SourcePopulation, s.SourceNeuron), out var axon) ? "comes from a neuron the core has no axon for"
                : axon.Type >= types.Count ? null
                : types[axon.Type].Projection != s.Projection ? $"is of projection {s.Projection}, and its axon's type is projection {types[axon.Type].Projection}'s"
                : types[axon.Type].Weights[s.Target] != s.Mantissa ? $"has mantissa {s.Mantissa}, and its axon's type gives its neuron {types[axon.Type].Weights[s.Target]}"
                : null;
            if (problem is not null)
            {
                core.Report(ErrorCode.TargetValueOutOfRange, spans[i], $"this synapse {problem}");
            }
        }
        return (axons.ToImmutable(), types.ToImmutable());
    }
}
