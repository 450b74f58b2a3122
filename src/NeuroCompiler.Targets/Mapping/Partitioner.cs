using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Divides a network's neurons among a digital target's cores. Each population is cut into
/// consecutive slices, as large as a core allows: at most its neurons, and small enough that the
/// synapses onto the slice fit the core's synapse memory (each costs the core's overhead bits plus
/// the target's widest weight, or 1 bit on a binary crossbar) and their distinct presynaptic neurons fit its input
/// axons. A slice that breaks a limit is halved until it fits; a single neuron that cannot fit is an
/// error that names the limit and by how much it is exceeded. Populations without neurons to put
/// on a core (spike generators, Poisson sources) are inputs from outside, and take no core.
/// </summary>
public static class Partitioner
{
    /// <param name="caps">Per population, at most this many neurons on a core (to keep its cores' output axons within the limit).</param>
    public static DigitalPartition? Partition(Network network, DigitalHardware hardware, DiagnosticBag diagnostics, IReadOnlyDictionary<int, int>? caps = null)
    {
        var core = hardware.Core;
        long bitsPerSynapse = BitsPerSynapse(hardware);
        // Before any per-synapse work: if even perfectly packed cores could not hold the network, say so now
        // (a model of 3e8 synapses would otherwise take gigabytes to find out).
        int available = hardware.Chip.Chips * hardware.Chip.CoresPerChip;
        long onChipNeurons = network.Populations.Where(OnChip).Sum(p => (long)p.Size);
        long synapsesOnChip = network.Projections.Where(p => OnChip(network.Populations[p.Target.Population])).Sum(p => (long)(p.Synapses?.Count ?? 0));
        long atLeast = Math.Max((onChipNeurons + core.Neurons - 1) / core.Neurons,
            (synapsesOnChip * bitsPerSynapse + core.SynapseMemoryBits - 1) / core.SynapseMemoryBits);
        if (atLeast > available)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations.FirstOrDefault()?.Location,
                $"the network needs at least {atLeast:N0} cores ({onChipNeurons:N0} neurons, {synapsesOnChip:N0} synapses of {bitsPerSynapse} bits), and the target has {available:N0} ({hardware.Chip.Chips} chip(s) of {hardware.Chip.CoresPerChip})");
            return null;
        }
        var incoming = Incoming(network);
        var slices = ImmutableArray.CreateBuilder<CoreSlice>();
        var steps = ImmutableArray.CreateBuilder<string>();
        bool failed = false;
        foreach (var population in network.Populations.Where(OnChip))
        {
            int start = 0, splits = 0;
            while (start < population.Size)
            {
                int count = Math.Min(caps?.GetValueOrDefault(population.Index, core.Neurons) ?? core.Neurons, population.Size - start);
                while (true)
                {
                    var (synapses, axons) = Load(incoming[population.Index], start, count);
                    long bits = synapses * bitsPerSynapse;
                    if (bits <= core.SynapseMemoryBits && axons <= core.InputAxons)
                    {
                        slices.Add(new CoreSlice(slices.Count, population.Index, start, count, synapses, bits, axons));
                        break;
                    }
                    if (count == 1)
                    {
                        string why = bits > core.SynapseMemoryBits
                            ? $"its {synapses:N0} incoming synapses need {bits:N0} bits of synapse memory, and a core has {core.SynapseMemoryBits:N0}"
                            : $"it receives from {axons:N0} distinct neurons, and a core has {core.InputAxons:N0} input axons";
                        diagnostics.Error(ErrorCode.TargetLimitExceeded, population.Location,
                            $"neuron {start} of population '{population.Name}' fits on no core of this target: {why}");
                        failed = true;
                        start = population.Size;
                        break;
                    }
                    count = (count + 1) / 2;
                    splits++;
                }
                start += count;
            }
            int cores = slices.Count(s => s.Population == population.Index);
            steps.Add($"population {population.Name}: {population.Size:N0} neurons on {cores} core(s)" +
                (splits > 0 ? $", slices halved {splits} time(s) to fit the synapse memory or input axons" : ""));
        }
        if (!failed && slices.Count > available)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations.FirstOrDefault()?.Location,
                $"the network needs {slices.Count:N0} cores, and the target has {available:N0} ({hardware.Chip.Chips} chip(s) of {hardware.Chip.CoresPerChip})");
            failed = true;
        }
        return failed ? null : new DigitalPartition(slices.ToImmutable(), steps.ToImmutable());
    }

    /// <summary>
    /// Bits of synapse memory one synapse takes: the core's overhead plus the widest weight, or plus 1 on a binary
    /// crossbar (a connection bit; the weights are per axon type and neuron).
    /// </summary>
    public static long BitsPerSynapse(DigitalHardware hardware) =>
        hardware.Core.SynapseOverheadBits + (hardware.Core.BinaryCrossbar ? 1 : hardware.Formats.WeightBitsMax);

    /// <summary>Populations of neurons the target runs: those whose states evolve. Spike sources (generators, Poisson sources: at most a threshold) are inputs from outside.</summary>
    public static bool OnChip(Population population) => population.Model is { Integrator: not null };

    /// <summary>For each population, its incoming synapses as (target index, source neuron id) pairs, sorted by target.</summary>
    private static (int Target, long Source)[][] Incoming(Network network)
    {
        var lists = network.Populations.Select(_ => new List<(int, long)>()).ToArray();
        foreach (var projection in network.Projections)
        {
            if (projection.Synapses is not { } synapses)
            {
                continue;
            }
            var list = lists[projection.Target.Population];
            long sourceBase = (long)projection.Source.Population << 32;
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                long source = sourceBase | (uint)(projection.Source.Start + s);
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    list.Add((synapses.Targets[k], source));
                }
            }
        }
        return lists.Select(l => l.OrderBy(p => p.Item1).ToArray()).ToArray();
    }

    /// <summary>The synapses onto neurons [start, start + count) and their distinct sources.</summary>
    private static (long Synapses, int Axons) Load((int Target, long Source)[] incoming, int start, int count)
    {
        int first = LowerBound(incoming, start);
        int end = LowerBound(incoming, start + count);
        var sources = new HashSet<long>();
        for (int i = first; i < end; i++)
        {
            sources.Add(incoming[i].Source);
        }
        return (end - first, sources.Count);
    }

    private static int LowerBound((int Target, long Source)[] incoming, int target)
    {
        int lo = 0, hi = incoming.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (incoming[mid].Target < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
