using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>Where a core sits: its chip and its place on the chip's mesh.</summary>
public sealed record CorePlace(int Core, int Chip, int X, int Y);

/// <summary>
/// A core's routes: the cores its neurons' spikes go to (one routing-table entry each), its output
/// axons (one per neuron and destination core), and the largest number of destination cores of
/// any one of its neurons (fan-out).
/// </summary>
public sealed record CoreRoutes(int Core, ImmutableArray<int> Destinations, int OutputAxons, int MaxFanOut)
{
    /// <summary>For each of <see cref="Destinations"/>, how many of the core's neurons send there (its output axons to that core).</summary>
    public ImmutableArray<int> AxonsTo { get; init; } = ImmutableArray<int>.Empty;
}

/// <summary>
/// The placement of every core (the model's, then the relay cores) and its routing table; <see cref="Relays"/> holds the
/// relay trees of the neurons whose fan-out exceeds the target's (none unless the mapping may insert relays).
/// </summary>
public sealed record DigitalRouting(ImmutableArray<CorePlace> Places, ImmutableArray<CoreRoutes> Routes, RelayPlan Relays)
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
/// A neuron that must reach more cores than the target's fan-out is an error, unless the mapping may insert relays
/// (<see cref="MappingOptions.InsertRelays"/>): then its spike goes to relay neurons on relay cores
/// (<see cref="RelayPlanner"/>) that pass it on. Routing-table entries, output axons and fan-out of every core,
/// the model's and the relays', are checked against the target's limits; each violation is an error that says
/// which core and by how much.
/// </summary>
public static class Router
{
    public static DigitalRouting? Route(Network network, DigitalPartition partition, DigitalHardware hardware, DiagnosticBag diagnostics,
        bool insertRelays = false, List<(int Population, double Ratio)>? overOutputAxons = null)
    {
        var chip = hardware.Chip;
        int fanOutLimit = hardware.Routing.MaxFanOut;
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
        var relays = RelayPlan.None(network.Populations.Length, network.Projections.Length, RelayPlanner.LinkDelay(hardware.Delays), fanOutLimit);
        if (insertRelays)
        {
            var over = partition.Cores.SelectMany(slice => Enumerable.Range(slice.Start, slice.Count)
                    .Where(n => destinations[slice.Population]![n]?.Count > fanOutLimit)
                    .Select(n => (new NeuronRef(slice.Population, n), destinations[slice.Population]![n].Order().ToArray())))
                .ToList();
            if (over.Count > 0)
            {
                var location = network.Populations[over[0].Item1.Population].Location;
                if (RelayPlanner.Plan(over, partition.CoreCount, network.Populations.Length, network.Projections.Length, hardware, location, diagnostics) is not { } plan)
                {
                    return null;
                }
                relays = plan;
            }
        }
        var routes = ImmutableArray.CreateBuilder<CoreRoutes>();
        bool failed = false;
        void Check(CoreRoutes route, string where, SourceLocation? location)
        {
            void Over(string what, long value, long limit, string hint = "")
            {
                diagnostics.Error(ErrorCode.TargetLimitExceeded, location, $"{where} needs {value:N0} {what}, and the target allows {limit:N0}{hint}");
                failed = true;
            }
            if (route.Destinations.Length > hardware.Routing.TableEntries)
            {
                Over("routing-table entries (destination cores)", route.Destinations.Length, hardware.Routing.TableEntries);
            }
            if (route.OutputAxons > hardware.Core.OutputAxons)
            {
                Over("output axons", route.OutputAxons, hardware.Core.OutputAxons);
                if (route.Core < partition.CoreCount)
                {
                    overOutputAxons?.Add((partition.Cores[route.Core].Population, route.OutputAxons / (double)hardware.Core.OutputAxons));
                }
            }
            if (route.MaxFanOut > fanOutLimit)
            {
                Over("destination cores for one neuron (fan-out)", route.MaxFanOut, fanOutLimit,
                    insertRelays ? "" : "; relay neurons can pass its spikes on to them: map with --insert-relays to insert them");
            }
            routes.Add(route);
        }
        foreach (var slice in partition.Cores)
        {
            var cores = Enumerable.Range(slice.Start, slice.Count)
                .Select(n => relays.RootDestinations(new NeuronRef(slice.Population, n)) ?? destinations[slice.Population]![n]?.ToImmutableArray() ?? ImmutableArray<int>.Empty);
            var population = network.Populations[slice.Population];
            Check(Routes(slice.Core, cores), $"core {slice.Core} ({population.Name}[{slice.Start}:{slice.End}])", population.Location);
        }
        foreach (var relay in relays.Cores)
        {
            var cores = Enumerable.Range(relay.First, relay.Count).Select(i => relays.Neurons[i].Destinations);
            Check(Routes(relay.Core, cores), $"relay core {relay.Core} (relays[{relay.First}:{relay.End}])", network.Populations.FirstOrDefault()?.Location);
        }
        if (failed)
        {
            return null;
        }
        int count = partition.CoreCount + relays.Cores.Length;
        var places = Enumerable.Range(0, count).Select(c => new CorePlace(c, c / chip.CoresPerChip,
            c % chip.CoresPerChip % chip.MeshX, c % chip.CoresPerChip / chip.MeshX)).ToImmutableArray();
        return new DigitalRouting(places, routes.ToImmutable(), relays);
    }

    /// <summary>A core's routes from each of its neurons' destination cores.</summary>
    private static CoreRoutes Routes(int core, IEnumerable<ImmutableArray<int>> neurons)
    {
        var all = new SortedDictionary<int, int>();
        int axons = 0, fanOut = 0;
        foreach (var cores in neurons)
        {
            foreach (int destination in cores)
            {
                all[destination] = all.GetValueOrDefault(destination) + 1;
            }
            axons += cores.Length;
            fanOut = Math.Max(fanOut, cores.Length);
        }
        return new CoreRoutes(core, all.Keys.ToImmutableArray(), axons, fanOut) { AxonsTo = all.Values.ToImmutableArray() };
    }
}
