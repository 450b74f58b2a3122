using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>Where a core sits: its chip and its place on the chip's mesh.</summary>
public sealed record CorePlace(int Core, int Chip, int X, int Y);

/// <summary>
/// A core's routes: the cores its neurons' spikes go to (one routing-table entry each), its output
/// axons (one per neuron and destination core), and the largest number of destination cores of
/// any one of its neurons (fan-out).
/// </summary>
public sealed record CoreRoutes(int Core, ImmutableArray<int> Destinations, int OutputAxons, int MaxFanOut);

/// <summary>The placement of every core and its routing table.</summary>
public sealed record DigitalRouting(ImmutableArray<CorePlace> Places, ImmutableArray<CoreRoutes> Routes)
{
    /// <summary>Mesh hops between two cores (Manhattan distance; chips side by side along x).</summary>
    public int Hops(int from, int to, int meshX)
    {
        var a = Places[from];
        var b = Places[to];
        return Math.Abs(a.X + a.Chip * meshX - (b.X + b.Chip * meshX)) + Math.Abs(a.Y - b.Y);
    }
}

/// <summary>
/// Places cores on the mesh in order (row by row, chip after chip) and builds each core's routing
/// table from the synapses: a neuron's spike goes to every core that holds one of its targets.
/// Routing-table entries, output axons and fan-out are checked against the target's limits;
/// each violation is an error that says which core and by how much.
/// </summary>
public static class Router
{
    public static DigitalRouting? Route(Network network, DigitalPartition partition, DigitalHardware hardware, DiagnosticBag diagnostics)
    {
        var chip = hardware.Chip;
        var places = partition.Cores.Select(c => new CorePlace(c.Core, c.Core / chip.CoresPerChip,
            c.Core % chip.CoresPerChip % chip.MeshX, c.Core % chip.CoresPerChip / chip.MeshX)).ToImmutableArray();
        // Core of every on-chip neuron: by population, the slices' cores.
        var coreOf = network.Populations.Select(p => new int[p.Size]).ToArray();
        foreach (var slice in partition.Cores)
        {
            Array.Fill(coreOf[slice.Population], slice.Core, slice.Start, slice.Count);
        }
        var onChip = network.Populations.Select(Partitioner.OnChip).ToArray();
        // For each on-chip source neuron, the set of destination cores.
        var destinations = network.Populations.Select(p => onChip[p.Index] ? new HashSet<int>[p.Size] : null).ToArray();
        foreach (var projection in network.Projections)
        {
            if (projection.Synapses is not { } synapses || destinations[projection.Source.Population] is not { } sets || !onChip[projection.Target.Population])
            {
                continue;
            }
            var targetCores = coreOf[projection.Target.Population];
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                var set = sets[projection.Source.Start + s] ??= new HashSet<int>();
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    set.Add(targetCores[synapses.Targets[k]]);
                }
            }
        }
        var routes = ImmutableArray.CreateBuilder<CoreRoutes>();
        bool failed = false;
        foreach (var slice in partition.Cores)
        {
            var all = new SortedSet<int>();
            int axons = 0, fanOut = 0;
            for (int n = slice.Start; n < slice.End; n++)
            {
                if (destinations[slice.Population]![n] is { } set)
                {
                    all.UnionWith(set);
                    axons += set.Count;
                    fanOut = Math.Max(fanOut, set.Count);
                }
            }
            string where = $"core {slice.Core} ({network.Populations[slice.Population].Name}[{slice.Start}:{slice.End}])";
            void Over(string what, long value, long limit)
            {
                diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations[slice.Population].Location,
                    $"{where} needs {value:N0} {what}, and the target allows {limit:N0}");
                failed = true;
            }
            if (all.Count > hardware.Routing.TableEntries)
            {
                Over("routing-table entries (destination cores)", all.Count, hardware.Routing.TableEntries);
            }
            if (axons > hardware.Core.OutputAxons)
            {
                Over("output axons", axons, hardware.Core.OutputAxons);
            }
            if (fanOut > hardware.Routing.MaxFanOut)
            {
                Over("destination cores for one neuron (fan-out)", fanOut, hardware.Routing.MaxFanOut);
            }
            routes.Add(new CoreRoutes(slice.Core, all.ToImmutableArray(), axons, fanOut));
        }
        return failed ? null : new DigitalRouting(places, routes.ToImmutable());
    }
}
