using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets;

/// <summary>The parts every family's description has in the same form: the neuron circuit and the costs.</summary>
internal static class CommonFields
{
    /// <summary>Neuron models the mappers know how to put on hardware.</summary>
    public static readonly string[] NeuronModels = { "lif", "cuba_lif", "coba_lif", "izhikevich", "relay" };

    public static readonly string[] DecayKinds = { "multiplier", "shift", "analog" };
    public static readonly string[] ThresholdKinds = { "comparator", "analog" };

    public static NeuronCircuit? Neuron(FieldReader description)
    {
        if (description.Object("neuron") is not { } neuron)
        {
            return null;
        }
        var models = neuron.Choices("models", NeuronModels);
        var stateBits = neuron.Integer("state_bits", 1, 64);
        var decay = neuron.Choice("decay", DecayKinds);
        var threshold = neuron.Choice("threshold", ThresholdKinds);
        var timestep = neuron.Quantity("timestep", Dimension.Second, 1e-9, 1);
        var terms = neuron.Integer("decay_terms", 1, 8, required: false) ?? 1;
        neuron.Done();
        if (models is { IsEmpty: true })
        {
            neuron.Report(ErrorCode.TargetValueOutOfRange, neuron.Span, "'neuron.models' must name at least one neuron model");
            return null;
        }
        return models is { } m && stateBits is { } s && decay is { } d && threshold is { } t && timestep is { } dt
            ? new NeuronCircuit(m, (int)s, d, t, dt, (int)terms)
            : null;
    }

    public static OperationCosts? Costs(FieldReader description)
    {
        if (description.Object("costs") is not { } costs)
        {
            return null;
        }
        double? Energy(string name) => costs.Quantity(name, Dimension.Joule, 0, 1e-3, required: false) ?? 0;
        double? Time(string name) => costs.Quantity(name, Dimension.Second, 0, 1, required: false) ?? 0;
        var result = new OperationCosts(Energy("read")!.Value, Energy("write")!.Value, Energy("conversion")!.Value, Energy("spike_hop")!.Value,
            Energy("neuron_update")!.Value, Time("read_latency")!.Value, Time("hop_latency")!.Value);
        costs.Done();
        return result;
    }

    public static DelayRange? Delays(FieldReader description)
    {
        if (description.Object("delays") is not { } delays)
        {
            return null;
        }
        var min = delays.Integer("min_steps", 0, 1 << 20);
        var max = delays.Integer("max_steps", 0, 1 << 20);
        delays.Done();
        if (min > max)
        {
            delays.Report(ErrorCode.InconsistentTarget, delays.Span, "'delays.min_steps' is above 'delays.max_steps'");
            return null;
        }
        return min is { } a && max is { } b ? new DelayRange((int)a, (int)b) : null;
    }
}
