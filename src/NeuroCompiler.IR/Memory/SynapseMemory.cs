using NeuroCompiler.IR.Passes.Connect;

namespace NeuroCompiler.IR.Memory;

/// <summary>
/// What each projection's synapses hold. Built: the row starts (4 bytes per source neuron), the
/// targets and delay offsets in their narrowest integers, and one column per per-synapse variable in
/// the model's precision. While a projection is built (one at a time; the connectivity pass collects
/// each large one's scratch before the next) it also holds scratch: the targets as drawn (4-byte lists
/// sized up front; fixed_total without multapses keeps 8-byte pairs and a set of them: 28, as each rule's
/// <see cref="ConnectRules.RuleDescriptor.DrawnBytesPerSynapse"/> says), then every
/// synapse's delay in steps (4) and, in a float32 model, each value's float64 column (8), while the
/// drawn lists, garbage by then, are still uncollected. The run adds arrays of its own: a copy of every variable it writes,
/// incoming lists for on_post handlers, equations, clock and structural rules and spreads (targets,
/// incoming and presynaptic index, 4 bytes each), the last update of event-driven states (8), the
/// birth step of structural synapses (8), and 32-bit targets for compiled synapse kernels (4). Only
/// the larger of the scratch and the run's own arrays is counted: the scratch is gone before the run.
/// </summary>
public static class SynapseMemory
{
    public const long RowStartBytes = 4;
    public const long DelayStepBytes = 4;
    public const long ConnectingValueBytes = 8;
    public const long IndexBytes = 4;
    public const long StepBytes = 8;

    /// <summary>The delay offsets' width assumed for delays that vary per synapse, before they are built (under 256 steps apart).</summary>
    public const int AssumedDelayOffsetBytes = 1;

    /// <summary>The synapses a projection has, once built; before, the number its rule makes on average.</summary>
    public static double Count(Network network, Projection projection) => projection.Synapses is { } built
        ? built.Count
        : projection.Rule.Descriptor.ExpectedSynapses(projection.Rule.Arguments, ProjectionPairs.Of(network, projection, initial: null));

    public static IEnumerable<MemoryItem> Of(Network network, ProcessFootprint footprint)
    {
        int precision = network.Settings.Precision == Runtime.Precision.Float32 ? 4 : 8;
        double running = 0;
        (double Bytes, Projection? Projection) scratch = (0, null);
        foreach (var projection in network.Projections)
        {
            double n = Count(network, projection);
            var synapse = projection.Synapse;
            var perSynapse = synapse.Parameters.Concat(synapse.States).Where(v => v.PerElement).ToList();
            double built = n * (TargetBytes(projection) + DelayBytes(projection) + precision * perSynapse.Count) + RowStartBytes * (projection.Source.Count + 1.0);
            yield return new MemoryItem(MemoryPart.Synapses, RecordingMemory.Saturate(built),
                $"{projection.Name}: {n:N0} synapses × {(n > 0 ? built / n : 0):0.#} B", projection.Location);
            // The drawn targets are garbage once copied into their column, but not yet collected when the
            // delays and values are computed: both count.
            double drawn = n * projection.Rule.Descriptor.DrawnBytesPerSynapse(projection.Multapses);
            double sorting = n * (DelayStepBytes + (precision == 4 ? ConnectingValueBytes * perSynapse.Count : 0));
            if (drawn + sorting > scratch.Bytes)
            {
                scratch = (drawn + sorting, projection);
            }
            running += n * RunBytes(network, projection, footprint, precision) + (NeedsIncoming(network, projection) ? IndexBytes * (projection.Target.Count + 1.0) : 0);
        }
        if (scratch.Projection is { } largest && scratch.Bytes >= running)
        {
            yield return new MemoryItem(MemoryPart.Synapses, RecordingMemory.Saturate(scratch.Bytes), $"scratch while building {largest.Name}", largest.Location);
        }
        else if (running > 0)
        {
            yield return new MemoryItem(MemoryPart.Synapses, RecordingMemory.Saturate(running), "the run's own synapse arrays", null);
        }
    }

    /// <summary>Bytes per synapse the run allocates beyond the built synapses.</summary>
    private static double RunBytes(Network network, Projection projection, ProcessFootprint footprint, int precision)
    {
        var synapse = projection.Synapse;
        int written = synapse.Parameters.Count(p => p.PerElement && p.Mutable) + synapse.States.Count(s => s.PerElement);
        double bytes = precision * written;
        bool incoming = NeedsIncoming(network, projection);
        if (incoming)
        {
            bytes += 3 * IndexBytes;
        }
        else if (footprint.CompiledKernels && (!synapse.OnPre.IsEmpty || !synapse.OnPost.IsEmpty || !synapse.ClockRules.IsEmpty) &&
                 !network.Spreads.Any(s => s.Source == projection.Index))
        {
            bytes += IndexBytes;
        }
        if (synapse.EventDriven is not null)
        {
            bytes += StepBytes;
        }
        if (!synapse.Structure.IsEmpty)
        {
            bytes += StepBytes;
        }
        return bytes;
    }

    private static bool NeedsIncoming(Network network, Projection projection)
    {
        var synapse = projection.Synapse;
        return !synapse.OnPost.IsEmpty || synapse.Integrator is not null || synapse.EventDriven is not null || !synapse.ClockRules.IsEmpty ||
               !synapse.Structure.IsEmpty || network.Spreads.Any(s => s.Source == projection.Index || s.Target == projection.Index);
    }

    private static int TargetBytes(Projection projection) =>
        projection.Synapses?.Targets.BytesPerElement ?? IndexColumn.WidthFor(Math.Max(0, projection.Target.End - 1)) switch
        {
            IndexWidth.Byte => 1,
            IndexWidth.UInt16 => 2,
            _ => 4,
        };

    private static int DelayBytes(Projection projection) => projection.Synapses is { } built
        ? built.DelayOffsets?.BytesPerElement ?? 0
        : projection.ConstantDelaySteps is not null ? 0 : AssumedDelayOffsetBytes;
}
