using NeuroCompiler.IR;

namespace NeuroCompiler.Gpu;

/// <summary>A projection's connectivity as the generated scatter and gather kernels read it, computed on the host once.</summary>
public static class DeliveryTables
{
    /// <summary>An index column in the type the generated kernel reads it as (the connectivity pass's choice for the target range).</summary>
    public static ReadOnlySpan<TIndex> Column<TIndex>(IndexColumn column) where TIndex : unmanaged
    {
        int expected = typeof(TIndex) == typeof(byte) ? 1 : typeof(TIndex) == typeof(ushort) ? 2 : 4;
        if (column.BytesPerElement != expected)
        {
            throw new InvalidOperationException($"targets are stored in {column.BytesPerElement} bytes, the kernel reads {expected}");
        }
        return column.Span<TIndex>();
    }

    /// <summary>Each synapse's delay offset (from the projection's shortest delay) as a 16-bit number, as the scatter kernels read it; none when all delays are equal.</summary>
    public static ushort[] DelayOffsets(Connectivity synapses)
    {
        if (synapses.DelayOffsets is not { } offsets)
        {
            return Array.Empty<ushort>();
        }
        if (synapses.MaxDelay - synapses.MinDelay > ushort.MaxValue)
        {
            throw new InvalidOperationException($"delays span {synapses.MaxDelay - synapses.MinDelay} steps; the device step handles up to {ushort.MaxValue}");
        }
        var result = new ushort[offsets.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = (ushort)offsets[k];
        }
        return result;
    }

    /// <summary>For each neuron of the target population, where its incoming synapses' slots start in the event queue (ends with the total).</summary>
    public static int[] SlotStarts(IndexColumn targets, int targetSize)
    {
        var starts = new int[targetSize + 1];
        for (int k = 0; k < targets.Length; k++)
        {
            starts[targets[k] + 1]++;
        }
        for (int j = 0; j < targetSize; j++)
        {
            starts[j + 1] += starts[j];
        }
        return starts;
    }
}
