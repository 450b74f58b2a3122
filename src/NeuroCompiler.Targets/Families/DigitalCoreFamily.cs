using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets;

/// <summary>Digital synaptic-array cores (Loihi-like, TrueNorth-like): integer neurons, synapse memory, axons and a routing mesh.</summary>
public sealed class DigitalCoreFamily : ITargetFamily
{
    public string Name => "digital_core";

    public ITargetMapping? Map(MappingRequest request, DiagnosticBag diagnostics) =>
        DigitalMapper.Map(request.Network, request.Target, request.Rates, request.Options, diagnostics) is { } mapping
            ? new DigitalTargetMapping(request.Network, mapping)
            : null;

    public ConfigurationKind Configuration { get; } = new(DigitalConfiguration.Format, DigitalConfiguration.LoadableSince);

    public ILoadedConfiguration? Load(string folder, TargetDescription target, DiagnosticBag diagnostics) =>
        ConfigurationReader.Read(folder, (DigitalHardware)target.Hardware, diagnostics) is { Outline: not null } configuration
            ? new LoadedDigitalConfiguration(configuration, (DigitalHardware)target.Hardware)
            : null;

    /// <summary>Learning rules a digital core may implement in hardware.</summary>
    public static readonly string[] LearningRules = { "pair_stdp", "triplet_stdp", "reward_stdp", "trace_based" };

    public TargetHardware? Read(FieldReader description)
    {
        var chip = Chip(description);
        var core = Core(description);
        var formats = Formats(description);
        var delays = CommonFields.Delays(description);
        var routing = Routing(description);
        var learning = Learning(description);
        var neuron = CommonFields.Neuron(description);
        var costs = CommonFields.Costs(description);
        if (chip is null || core is null || formats is null || delays is null || routing is null || learning is null || neuron is null || costs is null)
        {
            return null;
        }
        if ((long)chip.MeshX * chip.MeshY < chip.CoresPerChip)
        {
            description.Report(ErrorCode.InconsistentTarget, description.Span,
                $"a {chip.MeshX}×{chip.MeshY} mesh has {chip.MeshX * chip.MeshY} places, fewer than the {chip.CoresPerChip} cores per chip");
            return null;
        }
        if (core.SynapseOverheadBits + formats.WeightBitsMin > core.SynapseMemoryBits)
        {
            description.Report(ErrorCode.InconsistentTarget, description.Span, "one synapse does not fit in a core's synapse memory");
            return null;
        }
        return new DigitalHardware(chip, core, formats, delays, routing, learning, neuron, costs);
    }

    private static ChipLayout? Chip(FieldReader description)
    {
        if (description.Object("chip") is not { } chip)
        {
            return null;
        }
        var chips = chip.Integer("chips", 1, 1 << 20);
        var cores = chip.Integer("cores_per_chip", 1, 1 << 20);
        long? x = null, y = null;
        if (chip.Object("mesh") is { } mesh)
        {
            x = mesh.Integer("x", 1, 1 << 16);
            y = mesh.Integer("y", 1, 1 << 16);
            mesh.Done();
        }
        chip.Done();
        return chips is { } c && cores is { } k && x is { } mx && y is { } my ? new ChipLayout((int)c, (int)k, (int)mx, (int)my) : null;
    }

    private static CoreLimits? Core(FieldReader description)
    {
        if (description.Object("core") is not { } core)
        {
            return null;
        }
        var neurons = core.Integer("neurons", 1, 1 << 24);
        var inputs = core.Integer("input_axons", 1, 1 << 24);
        var outputs = core.Integer("output_axons", 1, 1 << 24);
        var memory = core.Integer("synapse_memory_bits", 1, 1L << 40);
        var overhead = core.Integer("synapse_overhead_bits", 0, 64);
        var axonTypes = core.Integer("axon_types", 0, 64, required: false) ?? 0;
        var binary = core.Boolean("binary_crossbar", required: false) ?? false;
        core.Done();
        return neurons is { } n && inputs is { } i && outputs is { } o && memory is { } m && overhead is { } v
            ? new CoreLimits((int)n, (int)i, (int)o, m, (int)v, (int)axonTypes, binary)
            : null;
    }

    private static NumberFormats? Formats(FieldReader description)
    {
        if (description.Object("formats") is not { } formats)
        {
            return null;
        }
        long? bitsMin = null, bitsMax = null, expMin = null, expMax = null;
        if (formats.Object("weight_bits") is { } bits)
        {
            bitsMin = bits.Integer("min", 1, 32);
            bitsMax = bits.Integer("max", 1, 32);
            bits.Done();
        }
        if (formats.Object("weight_exponent", required: false) is { } exponent)
        {
            expMin = exponent.Integer("min", -64, 64);
            expMax = exponent.Integer("max", -64, 64);
            exponent.Done();
        }
        else
        {
            expMin = expMax = 0;
        }
        var decayBits = formats.Integer("decay_bits", 1, 32);
        var decayUnity = formats.Integer("decay_unity", 1, 1L << 31);
        var stateBits = formats.Integer("state_bits", 1, 64);
        var thresholdBits = formats.Integer("threshold_bits", 1, 64);
        formats.Done();
        if (bitsMin > bitsMax || expMin > expMax)
        {
            formats.Report(ErrorCode.InconsistentTarget, formats.Span, "a 'min' is above its 'max' in 'formats'");
            return null;
        }
        if (decayUnity is { } unity && decayBits is { } db && unity > 1L << (int)db)
        {
            formats.Report(ErrorCode.InconsistentTarget, formats.Span, $"'formats.decay_unity' ({unity}) does not fit in {db} bits");
            return null;
        }
        return bitsMin is { } a && bitsMax is { } b && expMin is { } c && expMax is { } d && decayBits is { } e && decayUnity is { } f &&
               stateBits is { } g && thresholdBits is { } h
            ? new NumberFormats((int)a, (int)b, (int)c, (int)d, (int)e, (int)f, (int)g, (int)h)
            : null;
    }

    private static Routing? Routing(FieldReader description)
    {
        if (description.Object("routing") is not { } routing)
        {
            return null;
        }
        var keyBits = routing.Integer("key_bits", 1, 64);
        var entries = routing.Integer("table_entries", 1, 1 << 30);
        var fanOut = routing.Integer("max_fan_out", 1, 1 << 30);
        routing.Done();
        return keyBits is { } k && entries is { } e && fanOut is { } f ? new Routing((int)k, (int)e, (int)f) : null;
    }

    private static LearningEngine? Learning(FieldReader description)
    {
        if (description.Object("learning", required: false) is not { } learning)
        {
            return new LearningEngine(System.Collections.Immutable.ImmutableArray<string>.Empty, 0);
        }
        var rules = learning.Choices("rules", LearningRules);
        var traceBits = learning.Integer("trace_bits", 1, 32, required: false) ?? 8;
        learning.Done();
        return rules is { } r ? new LearningEngine(r, (int)traceBits) : null;
    }
}
