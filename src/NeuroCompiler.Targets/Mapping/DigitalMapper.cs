using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Compiles a network for a digital-core target, pass by pass: what the target can run (LIF neurons,
/// weighted additions, no learning it lacks), partition, placement and routing, the neurons' integers,
/// the weights' mantissas and exponents, the delays in device steps, and the costs given the
/// populations' firing rates. Every problem is reported; the result is null when there was one.
/// </summary>
public static class DigitalMapper
{
    /// <param name="rates">Each population's mean rate (Hz), asked for only once everything fits (it may take a simulation).</param>
    public static DigitalMapping? Map(Network network, TargetDescription target, Func<IReadOnlyDictionary<int, double>> rates, MappingOptions options,
        DiagnosticBag diagnostics)
    {
        var hardware = (DigitalHardware)target.Hardware;
        int errors = diagnostics.Items.Count(d => d.IsError);
        string? learning = hardware.Learning.Rules.IsEmpty ? null : string.Join(", ", hardware.Learning.Rules);
        if (SupportCheck.Check(network, target, hardware.Neuron, learning, options, diagnostics) is not { } supported)
        {
            return null;
        }
        var forms = supported.Neurons;
        var weights = supported.Weights;
        if (Partitioner.Partition(network, hardware, diagnostics) is not { } partition ||
            Router.Route(network, partition, hardware, diagnostics) is not { } routing)
        {
            return null;
        }
        double deviceDt = hardware.Neuron.Timestep;
        var populations = forms.Select(f => new MappedPopulation(f.Key, network.Populations[f.Key].Name,
            DigitalNeuronQuantiser.Quantise(f.Value, hardware.Formats, network.Settings.Dt, deviceDt))).OrderBy(p => p.Population).ToImmutableArray();
        var changes = supported.Changes.ToBuilder();
        var projections = ImmutableArray.CreateBuilder<MappedProjection>();
        foreach (var projection in network.Projections)
        {
            var w = weights[projection.Index];
            var neuron = populations.Single(p => p.Population == projection.Target.Population).Neuron;
            string state = network.Populations[projection.Target.Population].Model!.States[w.TargetState].Name;
            double unit = neuron.StateUnits.Single(u => u.State == state).Unit;
            // A step below the state's own unit cannot be added to it: exponents start at 0 (finer weights round to zero, as the report says).
            var digital = WeightQuantiser.Digital(w.Values, hardware.Formats.WeightBitsMax, Math.Max(0, hardware.Formats.ExponentMin),
                Math.Max(0, hardware.Formats.ExponentMax), unit);
            var synapses = projection.Synapses!;
            var delays = Enumerable.Range(0, synapses.Count)
                .Select(k => (int)Math.Round(synapses.Delay(k) * network.Settings.Dt / deviceDt, MidpointRounding.AwayFromZero)).ToArray();
            int clamped = delays.Count(d => d < hardware.Delays.MinSteps || d > hardware.Delays.MaxSteps);
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
            var stepped = delays.Select(d => Math.Clamp(d, hardware.Delays.MinSteps, hardware.Delays.MaxSteps)).ToImmutableArray();
            projections.Add(new MappedProjection(projection.Index, projection.Name, state, digital.Exponent, digital.Quantised.Stats.Step,
                digital.Mantissas, stepped, digital.Quantised.Stats, clamped));
        }
        if (diagnostics.Items.Count(d => d.IsError) > errors)
        {
            return null;
        }
        return new DigitalMapping(target, partition, routing, populations, projections.ToImmutable(), changes.ToImmutable(),
            Costs(network, partition, routing, hardware, rates()));
    }

    /// <summary>
    /// Per simulated second, from the populations' mean rates: spikes the cores send; hops those travel
    /// (each spike to every destination core of its neuron, at the core's mean distance to its
    /// destinations); synaptic events (every synapse carries its source's rate); neuron updates
    /// (every neuron, every device step); their energy; and one step's worst latency (a read and the
    /// longest route).
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
        var costs = hardware.Costs;
        double energy = events * costs.ReadEnergy + hops * costs.SpikeHopEnergy + updates * costs.NeuronUpdateEnergy;
        return new MappingCosts(spikes, hops, events, energy, costs.ReadLatency + maxHops * costs.HopLatency, maxHops);
    }
}
