using NeuroCompiler.Core.Time;
using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Compiles a network for a digital-core target, pass by pass: what the target can run (LIF neurons,
/// weighted additions, no learning it lacks), partition, placement and routing (with relay neurons where a
/// neuron's fan-out exceeds the target's, if allowed), the neurons' integers, the weights' mantissas and
/// exponents, the delays in device steps, axon types on a binary crossbar, and the costs given the
/// populations' firing rates. Every problem is reported; the result is null when there was one. What the
/// target represents only far from the model (a time constant, clipped weights) is a warning.
/// </summary>
public static class DigitalMapper
{
    /// <summary>A realised time constant further than this (relative) from the model's is a warning.</summary>
    public const double TimeConstantTolerance = 0.05;

    /// <param name="rates">Each population's mean rate (Hz), asked for only once everything fits (it may take a simulation).</param>
    public static DigitalMapping? Map(Network network, TargetDescription target, Func<IReadOnlyDictionary<int, double>> rates, MappingOptions options,
        DiagnosticBag diagnostics)
    {
        var hardware = (DigitalHardware)target.Hardware;
        int errors = diagnostics.Items.Count(d => d.IsError);
        string? learning = hardware.Learning.Rules.IsEmpty ? null : string.Join(", ", hardware.Learning.Rules);
        string? OnChip(Projection projection) => !hardware.Learning.Rules.Contains(LearningQuantiser.PairStdp)
            ? "it is not among the engine's rules"
            : PairStdpForm.Recognise(projection, out var why) is null ? why : null;
        if (SupportCheck.Check(network, target, hardware.Neuron, learning, options, diagnostics, OnChip) is not { } supported)
        {
            return null;
        }
        var forms = supported.Neurons;
        var weights = supported.Weights;
        if (PartitionAndRoute(network, hardware, options, diagnostics) is not { } placed)
        {
            return null;
        }
        var (partition, routing) = placed;
        IReadOnlyDictionary<int, double>? known = null;
        IReadOnlyDictionary<int, double> Rates() => known ??= rates();
        if (options.Objective == PlacementObjective.Traffic)
        {
            (partition, routing) = Place(partition, routing, hardware, Rates());
        }
        double deviceDt = hardware.Neuron.Timestep;
        var populations = forms.Select(f => new MappedPopulation(f.Key, network.Populations[f.Key].Name,
            DigitalNeuronQuantiser.Quantise(f.Value, hardware.Formats, network.Settings.Dt, deviceDt, hardware.Neuron, DigitalNeuronQuantiser.LargestWeights(network, weights, f.Key)))).OrderBy(p => p.Population).ToImmutableArray();
        var changes = supported.Changes.ToBuilder();
        var projections = ImmutableArray.CreateBuilder<MappedProjection>();
        var relayed = new RelayedDelays();
        var learned = ImmutableArray.CreateBuilder<OnChipLearning>();
        foreach (var projection in network.Projections)
        {
            var w = weights[projection.Index];
            var neuron = populations.Single(p => p.Population == projection.Target.Population).Neuron;
            string state = network.Populations[projection.Target.Population].Model!.States[w.TargetState].Name;
            double unit = neuron.StateUnits.Single(u => u.State == state).Unit;
            // A step below the state's own unit cannot be added to it: exponents start at 0 (finer weights round to zero, as the report says).
            var rule = LearningRequirements.Of(network, projection) is not null && OnChip(projection) is null ? PairStdpForm.Recognise(projection, out _) : null;
            var digital = WeightQuantiser.Digital(w.Values, hardware.Formats.WeightBitsMax, Math.Max(0, hardware.Formats.ExponentMin),
                Math.Max(0, hardware.Formats.ExponentMax), unit, rule is null ? 0 : Math.Max(Math.Abs(rule.WMin), Math.Abs(rule.WMax)));
            var (stepped, clamped, lengthened) = Delays(network, projection, routing.Relays, hardware.Delays, deviceDt, relayed);
            if (clamped > 0)
            {
                if (!options.ClampDelays)
                {
                    diagnostics.Error(ErrorCode.TargetTransformationNeeded, projection.Location,
                        $"{clamped:N0} synapses of '{projection.Name}' have delays outside {hardware.Delays.MinSteps}–{hardware.Delays.MaxSteps} device steps of {deviceDt * 1e3:G4} ms; allow clamping them to the range (--clamp-delays) to map it");
                    continue;
                }
                changes.Add($"projection {projection.Name}: {clamped:N0} delays clamped to {hardware.Delays.MinSteps}–{hardware.Delays.MaxSteps} steps");
            }
            if (rule is not null)
            {
                if (stepped.Distinct().Count() > 1)
                {
                    diagnostics.Error(ErrorCode.TargetCannotRun, projection.Location,
                        $"projection '{projection.Name}' learns on chip, and its synapses' delays differ ({stepped.Min()}–{stepped.Max()} device steps): the learning engine keeps one trace per input axon, so a learning projection needs one delay");
                    continue;
                }
                learned.Add(LearningQuantiser.Quantise(projection.Index, rule, hardware.Learning.TraceBits, hardware.Formats.DecayUnity, deviceDt,
                    digital.Quantised.Stats.Step, hardware.Formats.WeightBitsMax));
                changes.Add($"projection {projection.Name}: learns on chip ({LearningQuantiser.PairStdp}, traces of {hardware.Learning.TraceBits} bits)");
            }
            projections.Add(new MappedProjection(projection.Index, projection.Name, state, digital.Exponent, digital.Quantised.Stats.Step,
                digital.Mantissas, stepped, digital.Quantised.Stats, clamped, lengthened));
        }
        if (diagnostics.Items.Count(d => d.IsError) > errors)
        {
            return null;
        }
        var axons = ImmutableArray<CoreAxons>.Empty;
        if (hardware.Core.BinaryCrossbar)
        {
            if (AxonTyper.Assign(network, target, partition, routing, projections, diagnostics) is not { } typed)
            {
                return null;
            }
            axons = typed;
        }
        if (!routing.Relays.Neurons.IsEmpty)
        {
            changes.Add(relayed.Describe(routing.Relays));
        }
        var warnings = Warnings(network, populations, projections, hardware);
        foreach (var (location, warning) in warnings)
        {
            diagnostics.Warning(ErrorCode.TargetCannotRun, location, warning);
        }
        return new DigitalMapping(target, partition, routing, populations, projections.ToImmutable(), changes.ToImmutable(),
            Costs(network, partition, routing, hardware, Rates()), axons, warnings.Select(w => w.Message).ToImmutableArray()) { Learning = learned.ToImmutable() };
    }

    /// <summary>
    /// Partitions and routes; where the only problem is cores with more output axons than the target has (which the
    /// partition cannot know before routing), their populations' slices are made smaller in proportion and it tries
    /// again, up to <see cref="OutputAxonRetries"/> times, saying so in the partition's steps.
    /// </summary>
    private static (DigitalPartition, DigitalRouting)? PartitionAndRoute(Network network, DigitalHardware hardware, MappingOptions options, DiagnosticBag diagnostics)
    {
        var caps = new Dictionary<int, int>();
        DiagnosticBag? first = null;
        for (int attempt = 0; ; attempt++)
        {
            var scratch = new DiagnosticBag();
            var over = new List<(int Population, double Ratio)>();
            var partition = Partitioner.Partition(network, hardware, scratch, caps);
            var routing = partition is null ? null : Router.Route(network, partition, hardware, scratch, options.InsertRelays, over);
            if (partition is not null && routing is not null)
            {
                diagnostics.AddRange(scratch.Items);
                var steps = caps.OrderBy(c => c.Key).Select(c =>
                    $"population {network.Populations[c.Key].Name}: at most {c.Value:N0} neurons a core, to keep each core's output axons within {hardware.Core.OutputAxons:N0}");
                return (partition with { Steps = partition.Steps.AddRange(steps) }, routing);
            }
            bool onlyOutputAxons = partition is not null && over.Count > 0 && scratch.Items.Count(d => d.IsError) == over.Count;
            if (!onlyOutputAxons || attempt == OutputAxonRetries)
            {
                // Slices too small to fit elsewhere say less than the output axons that made them small: report those.
                diagnostics.AddRange((first ?? scratch).Items);
                return null;
            }
            first ??= scratch;
            foreach (var group in over.GroupBy(o => o.Population))
            {
                int largest = partition!.Cores.Where(c => c.Population == group.Key).Max(c => c.Count);
                caps[group.Key] = Math.Max(1, (int)(largest / group.Max(o => o.Ratio) * 0.95));
            }
        }
    }

    public const int OutputAxonRetries = 8;

    /// <summary>The cores placed for the least traffic (<see cref="Placer"/>): spikes per second on each route from the sources' rates.</summary>
    private static (DigitalPartition, DigitalRouting) Place(DigitalPartition partition, DigitalRouting routing, DigitalHardware hardware,
        IReadOnlyDictionary<int, double> rates)
    {
        var traffic = new List<(int, int, double)>();
        foreach (var slice in partition.Cores)
        {
            var route = routing.Routes[slice.Core];
            double rate = rates.GetValueOrDefault(slice.Population);
            traffic.AddRange(route.Destinations.Select((d, i) => (slice.Core, d, rate * route.AxonsTo[i])));
        }
        foreach (var relay in routing.Relays.Neurons)
        {
            traffic.AddRange(relay.Destinations.Select(d => (relay.Core, d, rates.GetValueOrDefault(relay.Root.Population))));
        }
        var chip = hardware.Chip;
        var (place, step) = Placer.Place(routing.Places.Length, chip, traffic);
        var places = place.Select((p, core) =>
        {
            var (x, y) = Placer.Position(p, chip);
            return new CorePlace(core, p / chip.CoresPerChip, x - p / chip.CoresPerChip * chip.MeshX, y);
        }).ToImmutableArray();
        return (partition with { Steps = partition.Steps.Add(step) }, routing with { Places = places });
    }

    /// <summary>The synapses reached through relays, over all projections: how many, how many got longer, and by how much at most.</summary>
    private sealed class RelayedDelays
    {
        public long Synapses, Lengthened;
        public int Longest;

        public string Describe(RelayPlan relays)
        {
            int levels = relays.MaxLevels;
            string hops = levels == 1 ? $"one relay level of {Steps(relays.LinkDelay)}" : $"up to {levels} relay levels of {Steps(relays.LinkDelay)} each";
            string delays = Lengthened == 0
                ? $"no delay lengthened (the relay steps taken from the delays of all {Synapses:N0} synapses reached through relays)"
                : $"{Lengthened:N0} synapses' delays lengthened {(Longest == 1 ? "by one step" : $"by up to {Longest} steps")}" +
                  (Synapses > Lengthened ? $"; the other {Synapses - Lengthened:N0} keep theirs (the relay steps taken from them)" : "");
            return $"{relays.Neurons.Length:N0} relay neurons on {relays.Cores.Length:N0} relay cores inserted for {relays.RelayedNeurons:N0} neurons whose fan-out exceeds {relays.FanOutLimit} ({hops}); {delays}";
        }

        private static string Steps(int n) => n == 1 ? "one device step" : $"{n} device steps";
    }

    /// <summary>
    /// Each synapse's delay in device steps, the model's rounded. A synapse whose source is not relayed keeps it, clamped to the
    /// target's range (counted). Through L relay levels of h steps each, a spike takes L·h steps before the last hop, so the
    /// last hop gets the model's delay (at least one step: a spike always takes one) less L·h; when that is below the target's
    /// shortest delay (and one step), the last hop gets that shortest delay and the synapse's delay becomes longer (counted
    /// as lengthened); beyond the longest it is clamped (counted).
    /// </summary>
    private static (ImmutableArray<int> Steps, int Clamped, int Lengthened) Delays(Network network, Projection projection, RelayPlan relays, DelayRange range,
        double deviceDt, RelayedDelays relayed)
    {
        var synapses = projection.Synapses!;
        var steps = new int[synapses.Count];
        int clamped = 0, lengthened = 0;
        int floor = Math.Max(1, range.MinSteps);
        for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
        {
            int levels = relays.Levels(new NeuronRef(projection.Source.Population, projection.Source.Start + s));
            for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
            {
                int d = (int)TimeSteps.Round(synapses.Delay(k) * network.Settings.Dt, deviceDt);
                if (levels == 0)
                {
                    clamped += d < range.MinSteps || d > range.MaxSteps ? 1 : 0;
                    steps[k] = Math.Clamp(d, range.MinSteps, range.MaxSteps);
                    continue;
                }
                int wanted = Math.Max(1, d);
                int last = wanted - levels * relays.LinkDelay;
                relayed.Synapses++;
                if (last > range.MaxSteps)
                {
                    clamped++;
                    last = range.MaxSteps;
                }
                else if (last < floor)
                {
                    lengthened++;
                    relayed.Lengthened++;
                    relayed.Longest = Math.Max(relayed.Longest, levels * relays.LinkDelay + floor - wanted);
                    last = floor;
                }
                steps[k] = last;
            }
        }
        return (steps.ToImmutableArray(), clamped, lengthened);
    }

    /// <summary>Whether a realised time constant is within <see cref="TimeConstantTolerance"/> of the model's (both infinite counts).</summary>
    public static bool Represents(RealisedDecay decay) =>
        double.IsFinite(decay.RequestedTau) && double.IsFinite(decay.RealisedTau)
            ? Math.Abs(decay.RealisedTau - decay.RequestedTau) <= TimeConstantTolerance * decay.RequestedTau
            : double.IsInfinity(decay.RequestedTau) && double.IsInfinity(decay.RealisedTau);

    /// <summary>
    /// What the target represents far from the model: time constants further than <see cref="TimeConstantTolerance"/> from the
    /// model's (no decay at all, or everything lost every step, included), and weights clipped or rounded to zero.
    /// </summary>
    private static List<(SourceLocation? Location, string Message)> Warnings(Network network, ImmutableArray<MappedPopulation> populations,
        IEnumerable<MappedProjection> projections, DigitalHardware hardware)
    {
        var c = CultureInfo.InvariantCulture;
        var warnings = new List<(SourceLocation?, string)>();
        int unity = hardware.Formats.DecayUnity;
        foreach (var p in populations)
        {
            foreach (var d in p.Neuron.Decays.Where(d => !Represents(d)))
            {
                warnings.Add((network.Populations[p.Population].Location, string.Format(c, "population {0}: the target cannot represent '{1}' decaying with τ = {2:0.###} ms: {3}",
                    p.Name, d.State, d.RequestedTau * 1e3, d.Realisation(hardware.Formats, hardware.Neuron))));
            }
        }
        foreach (var p in projections)
        {
            if (p.Weights.ClippedFraction > 0 || p.Weights.ZeroedFraction > 0)
            {
                warnings.Add((network.Projections[p.Projection].Location, string.Format(c, "projection {0}: {1:P1} of its weights clipped and {2:P1} rounded to zero in the target's {3}-bit weights (step {4:G4} of '{5}', RMS error {6:G3})",
                    p.Name, p.Weights.ClippedFraction, p.Weights.ZeroedFraction, hardware.Formats.WeightBitsMax, p.WeightStep, p.TargetState, p.Weights.RmsError)));
            }
        }
        return warnings;
    }

    /// <summary>
    /// Per simulated second, from the populations' mean rates: spikes the cores send (a relay neuron at its root's rate);
    /// hops those travel (each spike to every destination core of its neuron, at the core's mean distance to its
    /// destinations; a relay's to each of its destinations); synaptic events (every synapse carries its source's rate,
    /// a relay's synapse its root's); neuron updates (every neuron, relays included, every device step); their energy;
    /// and one step's worst latency (a read and the longest route).
    /// </summary>
    private static MappingCosts Costs(Network network, DigitalPartition partition, DigitalRouting routing, DigitalHardware hardware,
        IReadOnlyDictionary<int, double> rates)
    {
        double spikes = 0, hops = 0, updates = 0;
        int maxHops = 0;
        foreach (var slice in partition.Cores)
        {
            double rate = rates.GetValueOrDefault(slice.Population);
            var route = routing.Routes[slice.Core];
            spikes += rate * slice.Count;
            if (route.Destinations.Length > 0)
            {
                var distances = route.Destinations.Select(d => routing.Hops(slice.Core, d, hardware.Chip.MeshX)).ToList();
                maxHops = Math.Max(maxHops, distances.Max());
                hops += rate * route.OutputAxons * distances.Average();
            }
            updates += slice.Count / hardware.Neuron.Timestep;
        }
        double events = network.Projections.Sum(p => p.Synapses is { } s ? rates.GetValueOrDefault(p.Source.Population) * s.Count : 0);
        foreach (var relay in routing.Relays.Neurons)
        {
            double rate = rates.GetValueOrDefault(relay.Root.Population);
            spikes += rate;
            events += rate;
            foreach (int d in relay.Destinations)
            {
                int distance = routing.Hops(relay.Core, d, hardware.Chip.MeshX);
                maxHops = Math.Max(maxHops, distance);
                hops += rate * distance;
            }
        }
        updates += routing.Relays.Neurons.Length / hardware.Neuron.Timestep;
        var costs = hardware.Costs;
        double energy = events * costs.ReadEnergy + hops * costs.SpikeHopEnergy + updates * costs.NeuronUpdateEnergy;
        return new MappingCosts(spikes, hops, events, energy, costs.ReadLatency + maxHops * costs.HopLatency, maxHops);
    }
}
