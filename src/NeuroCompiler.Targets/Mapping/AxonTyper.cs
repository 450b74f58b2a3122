using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>An input axon of a binary-crossbar core: the neuron whose spikes arrive on it (a model neuron or a relay) and the axon's type.</summary>
public readonly record struct InputAxon(int SourcePopulation, int SourceNeuron, int Type);

/// <summary>
/// An axon type of a binary-crossbar core: the projection whose axons have it, and the weight each of the core's
/// neurons gives a spike on such an axon (<see cref="Weights"/>[neuron on the core], a mantissa in the projection's exponent; 0 where no synapse uses it).
/// </summary>
public sealed record AxonType(int Projection, ImmutableArray<int> Weights);

/// <summary>A binary-crossbar core's input axons (in order, sorted by source) and their types.</summary>
public sealed record CoreAxons(int Core, ImmutableArray<InputAxon> Axons, ImmutableArray<AxonType> Types);

/// <summary>
/// On a binary-crossbar core (TrueNorth-like) a synapse is one bit, (input axon, neuron) connected or not, and its
/// weight is that of the axon's type for the neuron: each core has <see cref="CoreLimits.AxonTypes"/> types and one
/// weight per (type, neuron). This pass gives every projection feeding a core a type of its own, its axons that type,
/// and each type the projection's quantised weight onto each neuron. It is an error (NC0712) when a core is fed by more
/// projections than it has types, when a projection's synapses onto one neuron do not all have the same weight, or
/// when one source reaches a core through two projections (an axon has one type). Each kind of problem is reported
/// once per projection, with the number of cores and the first one.
/// </summary>
public static class AxonTyper
{
    public static ImmutableArray<CoreAxons>? Assign(Network network, TargetDescription target, DigitalPartition partition, DigitalRouting routing,
        IReadOnlyList<MappedProjection> projections, DiagnosticBag diagnostics)
    {
        var hardware = (DigitalHardware)target.Hardware;
        var perCore = CoreSynapses.Of(network, partition, routing, projections);
        var relays = routing.Relays;
        string Where(int core) => core < partition.CoreCount
            ? $"core {core} ({network.Populations[partition.Cores[core].Population].Name}[{partition.Cores[core].Start}:{partition.Cores[core].End}])"
            : $"relay core {core} (relays[{relays.Cores[core - partition.CoreCount].First}:{relays.Cores[core - partition.CoreCount].End}])";
        string Name(int projection) => projection == relays.Projection ? RelayPlan.ProjectionName : network.Projections[projection].Name;
        string Neuron(NeuronRef n) => n.Population == relays.Population ? $"relay {n.Neuron}" : $"{network.Populations[n.Population].Name}[{n.Neuron}]";
        // Problems by (kind, projection): how many cores, and the first one's description.
        var problems = new Dictionary<(string Kind, int Projection), (int Cores, string First)>();
        void Problem(string kind, int projection, string first)
        {
            problems[(kind, projection)] = problems.TryGetValue((kind, projection), out var seen) ? (seen.Cores + 1, seen.First) : (1, first);
        }
        var result = ImmutableArray.CreateBuilder<CoreAxons>();
        for (int core = 0; core < perCore.Length; core++)
        {
            var synapses = perCore[core];
            int count = core < partition.CoreCount ? partition.Cores[core].Count : relays.Cores[core - partition.CoreCount].Count;
            var feeding = synapses.Select(s => s.Projection).Distinct().Order().ToList();
            if (feeding.Count > hardware.Core.AxonTypes)
            {
                Problem("types", feeding[hardware.Core.AxonTypes],
                    $"{Where(core)} is fed by {feeding.Count} projections ({string.Join(", ", feeding.Select(Name))}), and it has {hardware.Core.AxonTypes} axon types");
                continue;
            }
            var typeOf = feeding.Select((p, t) => (p, t)).ToDictionary(x => x.p, x => x.t);
            var axonType = new SortedDictionary<NeuronRef, int>(Comparer<NeuronRef>.Create((a, b) =>
                a.Population != b.Population ? a.Population.CompareTo(b.Population) : a.Neuron.CompareTo(b.Neuron)));
            var weights = feeding.Select(_ => new int?[count]).ToArray();
            bool failed = false;
            foreach (var s in synapses)
            {
                var source = new NeuronRef(s.SourcePopulation, s.SourceNeuron);
                int type = typeOf[s.Projection];
                if (axonType.TryGetValue(source, out int other) && other != type)
                {
                    Problem("axon", s.Projection, $"{Neuron(source)} reaches {Where(core)} through projections '{Name(feeding[other])}' and '{Name(s.Projection)}'");
                    failed = true;
                    break;
                }
                axonType[source] = type;
                if (weights[type][s.Target] is { } w && w != s.Mantissa)
                {
                    var neuron = core < partition.CoreCount ? Neuron(new NeuronRef(partition.Cores[core].Population, partition.Cores[core].Start + s.Target)) : $"relay {s.Target}";
                    Problem("weights", s.Projection, $"neuron {neuron} on {Where(core)} has weights {w} and {s.Mantissa} (mantissas)");
                    failed = true;
                    break;
                }
                weights[type][s.Target] = s.Mantissa;
            }
            if (!failed)
            {
                result.Add(new CoreAxons(core, axonType.Select(a => new InputAxon(a.Key.Population, a.Key.Neuron, a.Value)).ToImmutableArray(),
                    feeding.Select((p, t) => new AxonType(p, weights[t].Select(w => w ?? 0).ToImmutableArray())).ToImmutableArray()));
            }
        }
        foreach (var ((kind, projection), (cores, first)) in problems.OrderBy(p => p.Key.Projection).ThenBy(p => p.Key.Kind))
        {
            string more = cores > 1 ? $" ({cores:N0} cores like this)" : "";
            string why = kind switch
            {
                "types" => "a binary-crossbar core gives each projection feeding it an axon type of its own, and every synapse the weight of its axon's type for its neuron",
                "weights" => $"on a binary crossbar a synapse's weight is that of its axon's type for its neuron, so every synapse of '{Name(projection)}' onto one neuron must have the same weight",
                _ => "an input axon of a binary crossbar has one type, and each projection feeding a core has a type of its own",
            };
            var location = projection < network.Projections.Length ? network.Projections[projection].Location : network.Populations.FirstOrDefault()?.Location;
            diagnostics.Error(ErrorCode.TargetCannotRun, location, $"projection '{Name(projection)}' cannot run on '{target.Name}': {first}{more}; {why}");
        }
        return problems.Count > 0 ? null : result.ToImmutable();
    }
}
