using System.Collections.Immutable;
using System.Globalization;

namespace NeuroCompiler.IR.Memory;

/// <summary>
/// How much memory a process needs at its peak to build and run a network, estimated from the
/// network's rules before anything is allocated (or from its built synapses, once they are): the
/// runtime's baseline and the kernel compiler (<see cref="ProcessFootprint"/>), the neurons
/// (<see cref="NeuronMemory"/>), the synapses (<see cref="SynapseMemory"/>) and what the run
/// records (<see cref="RecordingMemory"/>), each a list of items that say where they come from.
/// bench/memory.sh compares it with the measured peak of every sample.
/// </summary>
public sealed record MemoryEstimate(ImmutableArray<MemoryItem> Items, long Synapses)
{
    /// <summary>The whole estimate, in bytes (long.MaxValue when it does not fit one).</summary>
    public long Bytes => Sum(Items);

    public long BytesOf(MemoryPart part) => Sum(Items.Where(i => i.Part == part));

    /// <summary>The item that weighs most: where a refusal points.</summary>
    public MemoryItem Largest => Items.MaxBy(i => i.Bytes)!;

    public static MemoryEstimate Of(Network network, ProcessFootprint footprint)
    {
        var items = ImmutableArray.CreateBuilder<MemoryItem>();
        items.Add(new MemoryItem(MemoryPart.Runtime, footprint.RuntimeBytes, "", null));
        if (footprint.KernelCompilerBytes > 0)
        {
            items.Add(new MemoryItem(MemoryPart.KernelCompiler, footprint.KernelCompilerBytes, "", null));
        }
        items.AddRange(NeuronMemory.Of(network));
        items.AddRange(SynapseMemory.Of(network, footprint));
        if (footprint.ResultCopies > 0)
        {
            items.AddRange(RecordingMemory.Of(network, footprint.ResultCopies));
        }
        double synapses = network.Projections.Sum(p => SynapseMemory.Count(network, p));
        return new MemoryEstimate(items.ToImmutable(), RecordingMemory.Saturate(synapses));
    }

    /// <summary>
    /// The estimate by part, largest first, each with its largest item's detail:
    /// <c>recordings 89.4 GiB (record P.v every 0.1 ms: 20,000 neurons × 600,000 samples × 8 B), runtime 55.0 MiB, ...</c>.
    /// </summary>
    public string Breakdown() => string.Join(", ", Items.GroupBy(i => i.Part)
        .Select(g => (Part: g.Key, Bytes: Sum(g), Largest: g.MaxBy(i => i.Bytes)!))
        .Where(p => p.Bytes > 0)
        .OrderByDescending(p => p.Bytes)
        .Select(p => $"{Name(p.Part)} {Size(p.Bytes)}" + (p.Largest.Detail.Length > 0 ? $" ({p.Largest.Detail})" : "")));

    private static long Sum(IEnumerable<MemoryItem> items) => items.Aggregate(0L, (sum, item) => sum > long.MaxValue - item.Bytes ? long.MaxValue : sum + item.Bytes);

    private static string Name(MemoryPart part) => part switch
    {
        MemoryPart.KernelCompiler => "kernel compiler",
        _ => part.ToString().ToLowerInvariant(),
    };

    /// <summary>Bytes in binary units: <c>512.0 MiB</c>, <c>2.4 GiB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 40 => (bytes / (double)(1L << 40)).ToString("0.0", CultureInfo.InvariantCulture) + " TiB",
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        _ => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
