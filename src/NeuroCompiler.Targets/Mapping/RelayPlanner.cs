using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Builds relay trees for the neurons whose spikes must reach more cores than the target's fan-out allows, and packs
/// their relay neurons onto relay cores numbered after the model's.
/// <para>
/// A relayed neuron's destination cores are cut into runs of at most fan-out cores, one relay neuron each; the relay
/// neurons of one neuron are kept together on one relay core (one input axon feeds them all) as far as one core holds
/// them: its neurons, synapse memory (a synapse per relay), output axons and routing entries. If the relay cores of a
/// neuron are still more than its fan-out, they become the destinations of another level of relays, and so on: a tree,
/// every level one device step (<see cref="LinkDelay"/>) longer. Groups are packed first fit, largest first, each core
/// within every limit (neurons, input axons, output axons, routing entries, synapse memory).
/// </para>
/// </summary>
public static class RelayPlanner
{
    /// <summary>Device steps a relay level adds: a hop takes at least one step, and no less than the target's shortest delay.</summary>
    public static int LinkDelay(DelayRange delays) => Math.Max(1, delays.MinSteps);

    /// <summary>A group of relay neurons of one source on one core: their destinations, run by run.</summary>
    private sealed record Group(int Source, int Depth, List<int[]> Runs, int Outputs);

    /// <summary>A relay core being filled.</summary>
    private sealed class Bin
    {
        public int Neurons, Axons, Outputs;
        public readonly HashSet<int> Destinations = new();
        public readonly List<(int Source, int Depth, int[] Destinations)> Relays = new();
    }

    /// <param name="sources">Each neuron that needs relays, with its destination cores (distinct, sorted).</param>
    /// <param name="modelCores">The model's cores; relay cores are numbered from here.</param>
    /// <param name="population">The number the relay population gets.</param>
    /// <param name="projection">The number the projection of the synapses onto relays gets.</param>
    public static RelayPlan? Plan(IReadOnlyList<(NeuronRef Source, int[] Destinations)> sources, int modelCores, int population, int projection, DigitalHardware hardware,
        SourceLocation? location, DiagnosticBag diagnostics)
    {
        var core = hardware.Core;
        int fanOut = hardware.Routing.MaxFanOut;
        int link = LinkDelay(hardware.Delays);
        int available = hardware.Chip.Chips * hardware.Chip.CoresPerChip;
        long bits = Partitioner.BitsPerSynapse(hardware);
        string why = $"{sources.Count:N0} neurons need more destination cores than the target's fan-out ({fanOut}) allows";
        if (!hardware.Neuron.Models.Contains("relay"))
        {
            diagnostics.Error(ErrorCode.TargetCannotRun, location, $"{why}, and the target has no relay neurons (it runs {string.Join(", ", hardware.Neuron.Models)})");
            return null;
        }
        if (link > hardware.Delays.MaxSteps)
        {
            diagnostics.Error(ErrorCode.TargetCannotRun, location, $"{why}, and a relay hop of {link} device step(s) exceeds the target's longest delay ({hardware.Delays.MaxSteps})");
            return null;
        }
        // A relay neuron reaches at most `width` cores; one core holds at most `perCore` relays of one parent.
        int width = Math.Min(fanOut, Math.Min(core.OutputAxons, hardware.Routing.TableEntries));
        long perCore = Math.Min(core.Neurons, core.SynapseMemoryBits / bits);
        long reach = Math.Min(perCore * width, Math.Min(core.OutputAxons, hardware.Routing.TableEntries));
        if (reach < 2 || core.InputAxons < 1)
        {
            diagnostics.Error(ErrorCode.TargetCannotRun, location,
                $"{why}, and a relay core of this target passes a spike on to {Math.Max(0, reach)} core(s) at most: relays cannot widen the fan-out");
            return null;
        }
        // Before packing: the last level alone needs this many relay neurons, and so at least this many cores.
        long leastNeurons = sources.Sum(s => (long)((s.Destinations.Length + width - 1) / width));
        long leastOutputs = sources.Sum(s => (long)s.Destinations.Length);
        long leastCores = Math.Max(Math.Max((leastNeurons + perCore - 1) / perCore, (leastOutputs + core.OutputAxons - 1) / core.OutputAxons),
            (sources.Count + core.InputAxons - 1L) / core.InputAxons);
        if (modelCores + leastCores > available)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, location,
                $"{why}: their relays need at least {leastNeurons:N0} relay neurons on at least {leastCores:N0} relay cores, which with the model's {modelCores:N0} cores is {modelCores + leastCores:N0}, and the target has {available:N0} ({hardware.Chip.Chips} chip(s) of {hardware.Chip.CoresPerChip})");
            return null;
        }

        var bins = new List<Bin>();
        var open = new List<(int Index, Bin Bin)>();
        var levels = new int[sources.Count];
        var targets = sources.Select(s => s.Destinations).ToArray();
        var active = Enumerable.Range(0, sources.Count).ToList();
        for (int depth = 1; active.Count > 0; depth++)
        {
            var groups = active.SelectMany(s => Groups(s, depth, targets[s], width, perCore, core.OutputAxons, hardware.Routing.TableEntries))
                .OrderByDescending(g => g.Runs.Count).ToList();
            var placed = active.ToDictionary(s => s, _ => new SortedSet<int>());
            foreach (var group in groups)
            {
                int index = -1;
                foreach (var (i, bin) in open)
                {
                    if (Fits(bin, group, perCore, core.InputAxons, core.OutputAxons, hardware.Routing.TableEntries))
                    {
                        index = i;
                        break;
                    }
                }
                if (index < 0)
                {
                    index = bins.Count;
                    bins.Add(new Bin());
                    open.Add((index, bins[index]));
                }
                var target = bins[index];
                target.Neurons += group.Runs.Count;
                target.Axons++;
                target.Outputs += group.Outputs;
                foreach (var run in group.Runs)
                {
                    target.Destinations.UnionWith(run);
                    target.Relays.Add((group.Source, depth, run));
                }
                placed[group.Source].Add(modelCores + index);
            }
            open.RemoveAll(b => b.Bin.Neurons >= perCore || b.Bin.Axons >= core.InputAxons || b.Bin.Outputs >= core.OutputAxons);
            var next = new List<int>();
            foreach (int s in active)
            {
                if (placed[s].Count <= fanOut)
                {
                    levels[s] = depth;
                }
                else
                {
                    targets[s] = placed[s].ToArray();
                    next.Add(s);
                }
            }
            active = next;
        }
        if (modelCores + bins.Count > available)
        {
            int relays = bins.Sum(b => b.Neurons);
            diagnostics.Error(ErrorCode.TargetLimitExceeded, location,
                $"{why}: their relays take {relays:N0} relay neurons on {bins.Count:N0} relay cores, which with the model's {modelCores:N0} cores is {modelCores + bins.Count:N0}, and the target has {available:N0} ({hardware.Chip.Chips} chip(s) of {hardware.Chip.CoresPerChip})");
            return null;
        }
        return Number(sources, bins, levels, modelCores, population, projection, link, fanOut, bits);
    }

    /// <summary>A source's relay neurons at one depth: its targets cut into runs of <paramref name="width"/>, runs grouped as one core can hold them.</summary>
    private static IEnumerable<Group> Groups(int source, int depth, int[] targets, int width, long perCore, int outputAxons, int tableEntries)
    {
        var runs = new List<int[]>();
        int outputs = 0;
        for (int start = 0; start < targets.Length; start += width)
        {
            var run = targets[start..Math.Min(targets.Length, start + width)];
            if (runs.Count + 1 > perCore || outputs + run.Length > Math.Min(outputAxons, tableEntries))
            {
                yield return new Group(source, depth, runs, outputs);
                runs = new List<int[]>();
                outputs = 0;
            }
            runs.Add(run);
            outputs += run.Length;
        }
        if (runs.Count > 0)
        {
            yield return new Group(source, depth, runs, outputs);
        }
    }

    private static bool Fits(Bin bin, Group group, long perCore, int inputAxons, int outputAxons, int tableEntries)
    {
        if (bin.Neurons + group.Runs.Count > perCore || bin.Axons + 1 > inputAxons || bin.Outputs + group.Outputs > outputAxons)
        {
            return false;
        }
        int entries = bin.Destinations.Count;
        foreach (var run in group.Runs)
        {
            foreach (int d in run)
            {
                if (!bin.Destinations.Contains(d) && ++entries > tableEntries)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Numbers the relay neurons core by core and links every relay to its parent: the root for the first level, else
    /// the relay of the level before that sends to its core.
    /// </summary>
    private static RelayPlan Number(IReadOnlyList<(NeuronRef Source, int[] Destinations)> sources, List<Bin> bins, int[] levels, int modelCores,
        int population, int projection, int link, int fanOut, long bits)
    {
        var ids = new Dictionary<(int Source, int Depth, int Core), int>();
        var located = new List<(int Id, int Core, int Index, int Source, int Depth, int[] Destinations)>();
        int id = 0;
        for (int b = 0; b < bins.Count; b++)
        {
            int index = 0;
            foreach (var (source, depth, destinations) in bins[b].Relays)
            {
                located.Add((id, modelCores + b, index++, source, depth, destinations));
                foreach (int d in destinations)
                {
                    ids[(source, depth, d)] = id;
                }
                id++;
            }
        }
        var neurons = located.Select(r =>
        {
            var root = sources[r.Source].Source;
            var parent = r.Depth == levels[r.Source] ? root : new NeuronRef(population, ids[(r.Source, r.Depth + 1, r.Core)]);
            return new RelayNeuron(r.Id, r.Core, r.Index, root, parent, levels[r.Source] - r.Depth + 1, r.Destinations.ToImmutableArray());
        }).ToImmutableArray();
        int first = 0;
        var cores = bins.Select((bin, b) =>
        {
            int parents = Enumerable.Range(first, bin.Neurons).Select(i => neurons[i].Parent).Distinct().Count();
            var relay = new RelayCore(modelCores + b, first, bin.Neurons, parents, bin.Neurons * bits);
            first += bin.Neurons;
            return relay;
        }).ToImmutableArray();
        return new RelayPlan(population, projection, link, fanOut, neurons, cores);
    }
}
