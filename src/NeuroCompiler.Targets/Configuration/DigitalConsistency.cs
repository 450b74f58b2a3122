using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// What a digital configuration's cores must be together, checked once every core is read (each problem at its place in
/// its core file): every state a synapse feeds and every membrane is one the core has; on the target, the places are on
/// its chips' meshes and no two cores share one. Given the model's outline (version 4): every core holds neurons of a
/// population on the device, each such neuron is on exactly one core, every synapse and axon comes from a neuron that
/// exists; every route goes to a core that exists, a core routes its neurons' spikes to every core that holds their
/// synapses, and no neuron reaches more cores (fan-out) nor a core sends on more output axons than the target allows.
/// </summary>
internal static class DigitalConsistency
{
    public static void Check(IReadOnlyList<CoreConfiguration> cores, IReadOnlyList<CoreSpans> spans, IReadOnlyDictionary<int, ProjectionConfiguration> projections,
        RelayConfiguration? relays, ModelOutline? outline, DigitalHardware? hardware, FieldReader manifest)
    {
        var diagnostics = manifest.Diagnostics;
        void Report(CoreSpans where, TextSpan span, ErrorCode code, string message) => diagnostics.Error(code, where.Text, span, message);
        var places = new Dictionary<(int, int, int), int>();
        for (int c = 0; c < cores.Count; c++)
        {
            var core = cores[c];
            var where = spans[c];
            var states = core.Decays.Select(d => d.State).ToHashSet();
            if (!states.Contains(core.Membrane))
            {
                Report(where, where.Core, ErrorCode.ConfigurationInconsistent, $"core {core.Core}'s membrane '{core.Membrane}' has no decay: the core has no such state");
            }
            for (int k = 0; k < core.Synapses.Length; k++)
            {
                string state = projections[core.Synapses[k].Projection].TargetState;
                if (!states.Contains(state))
                {
                    Report(where, where.Synapses[k], ErrorCode.ConfigurationInconsistent,
                        $"this synapse is of projection {core.Synapses[k].Projection}, which feeds '{state}', and core {core.Core}'s neurons have no such state");
                }
            }
            if (hardware is not null)
            {
                var chip = hardware.Chip;
                if (core.Chip >= chip.Chips || core.X >= chip.MeshX || core.Y >= chip.MeshY)
                {
                    Report(where, where.Place, ErrorCode.TargetValueOutOfRange,
                        $"core {core.Core} is at chip {core.Chip}, x {core.X}, y {core.Y}, and the target has {chip.Chips} chip(s) of a {chip.MeshX}×{chip.MeshY} mesh");
                }
                else if (!places.TryAdd((core.Chip, core.X, core.Y), core.Core))
                {
                    Report(where, where.Place, ErrorCode.ConfigurationInconsistent,
                        $"core {core.Core} is at chip {core.Chip}, x {core.X}, y {core.Y}, where core {places[(core.Chip, core.X, core.Y)]} is");
                }
            }
        }
        if (outline is not null)
        {
            CheckNeurons(cores, spans, relays, outline, Report, manifest);
            CheckRoutes(cores, spans, hardware, Report);
        }
    }

    private delegate void Reporter(CoreSpans where, TextSpan span, ErrorCode code, string message);

    /// <summary>Every core's neurons are of a population on the device (or relays), each such neuron on one core; every synapse's and axon's source exists.</summary>
    private static void CheckNeurons(IReadOnlyList<CoreConfiguration> cores, IReadOnlyList<CoreSpans> spans, RelayConfiguration? relays, ModelOutline outline, Reporter report,
        FieldReader manifest)
    {
        int? SizeOf(int population) => relays is not null && population == relays.Population ? relays.Neurons : outline.Find(population)?.Size;
        var onCore = new Dictionary<int, int[]>();
        for (int c = 0; c < cores.Count; c++)
        {
            var core = cores[c];
            var where = spans[c];
            bool relay = relays is not null && core.Population == relays.Population;
            if (!relay && outline.Find(core.Population) is not { OnChip: true } population)
            {
                report(where, where.Neurons, ErrorCode.ConfigurationInconsistent,
                    $"core {core.Core} holds neurons of population {core.Population}, which the manifest does not list as a population on the device");
                continue;
            }
            int size = SizeOf(core.Population)!.Value;
            if (core.Start + (long)core.Count > size)
            {
                report(where, where.Neurons, ErrorCode.ConfigurationInconsistent,
                    $"core {core.Core} holds neurons {core.Start} to {core.Start + core.Count - 1} of population {core.Population}, which has {size}");
                continue;
            }
            var owners = onCore.TryGetValue(core.Population, out var o) ? o : onCore[core.Population] = Enumerable.Repeat(-1, size).ToArray();
            for (int i = core.Start; i < core.Start + core.Count; i++)
            {
                if (owners[i] >= 0)
                {
                    report(where, where.Neurons, ErrorCode.ConfigurationInconsistent, $"neuron {i} of population {core.Population} is on core {owners[i]} and on core {core.Core}");
                    break;
                }
                owners[i] = core.Core;
            }
            for (int k = 0; k < core.Synapses.Length; k++)
            {
                var s = core.Synapses[k];
                if (SizeOf(s.SourcePopulation) is not { } n || s.SourceNeuron < 0 || s.SourceNeuron >= n)
                {
                    report(where, where.Synapses[k], ErrorCode.ConfigurationInconsistent,
                        $"this synapse comes from neuron {s.SourceNeuron} of population {s.SourcePopulation}, which does not exist");
                }
            }
            foreach (var axon in core.Axons)
            {
                if (SizeOf(axon.SourcePopulation) is not { } n || axon.SourceNeuron < 0 || axon.SourceNeuron >= n)
                {
                    report(where, where.Axons, ErrorCode.ConfigurationInconsistent,
                        $"core {core.Core} has an axon from neuron {axon.SourceNeuron} of population {axon.SourcePopulation}, which does not exist");
                }
            }
        }
        foreach (var population in outline.Populations.Where(p => p.OnChip))
        {
            var owners = onCore.GetValueOrDefault(population.Index);
            int missing = owners is null ? 0 : Array.IndexOf(owners, -1);
            if (owners is null || missing >= 0)
            {
                manifest.Report(ErrorCode.ConfigurationInconsistent, manifest.Field("cores", required: false)?.Span ?? manifest.Span,
                    $"neuron {Math.Max(0, missing)} of population '{population.Name}' ({population.Index}), which runs on the device, is on no core");
            }
        }
    }

    /// <summary>
    /// Routes go to cores that exist; a core routes its neurons' spikes to every core holding their synapses; given the target, no neuron
    /// reaches more cores than its fan-out and no core needs more output axons (one per neuron and destination core) than it has.
    /// </summary>
    private static void CheckRoutes(IReadOnlyList<CoreConfiguration> cores, IReadOnlyList<CoreSpans> spans, DigitalHardware? hardware, Reporter report)
    {
        var coreOf = new Dictionary<(int, int), int>();
        foreach (var core in cores)
        {
            for (int i = core.Start; i < core.Start + core.Count; i++)
            {
                coreOf[(core.Population, i)] = core.Core;
            }
        }
        var reaches = new Dictionary<(int, int), HashSet<int>>();
        foreach (var core in cores)
        {
            foreach (var s in core.Synapses)
            {
                if (coreOf.ContainsKey((s.SourcePopulation, s.SourceNeuron)))
                {
                    (reaches.TryGetValue((s.SourcePopulation, s.SourceNeuron), out var set) ? set : reaches[(s.SourcePopulation, s.SourceNeuron)] = new HashSet<int>()).Add(core.Core);
                }
            }
        }
        for (int c = 0; c < cores.Count; c++)
        {
            var core = cores[c];
            var where = spans[c];
            var routes = core.Routes.ToHashSet();
            int unknown = core.Routes.FirstOrDefault(r => r >= cores.Count, -1);
            if (unknown >= 0)
            {
                report(where, where.Routes, ErrorCode.ConfigurationInconsistent, $"core {core.Core} routes spikes to core {unknown}, and there are {cores.Count} cores");
            }
            var destinations = Enumerable.Range(core.Start, core.Count).Select(i => reaches.GetValueOrDefault((core.Population, i))).ToList();
            int unrouted = destinations.SelectMany(d => d ?? Enumerable.Empty<int>()).FirstOrDefault(d => !routes.Contains(d), -1);
            if (unrouted >= 0)
            {
                report(where, where.Routes, ErrorCode.ConfigurationInconsistent,
                    $"core {core.Core}'s neurons have synapses on core {unrouted}, and its routes do not go there");
            }
            if (hardware is null)
            {
                continue;
            }
            int fanOut = destinations.Max(d => d?.Count ?? 0);
            if (fanOut > hardware.Routing.MaxFanOut)
            {
                report(where, where.Routes, ErrorCode.TargetLimitExceeded,
                    $"a neuron of core {core.Core} reaches {fanOut} cores, and the target's fan-out is {hardware.Routing.MaxFanOut}");
            }
            int outputs = destinations.Sum(d => d?.Count ?? 0);
            if (outputs > hardware.Core.OutputAxons)
            {
                report(where, where.Routes, ErrorCode.TargetLimitExceeded,
                    $"core {core.Core}'s neurons send on {outputs} output axons (one per neuron and destination core), and the target's cores have {hardware.Core.OutputAxons}");
            }
        }
    }
}
