using NeuroCompiler.IR;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Every core's synapses as the core stores them, by core number (the model's cores, then the relay cores). A model
/// core's synapses are those onto its neurons, by projection, then by synapse rank; a synapse whose source neuron is
/// relayed names the relay neuron that delivers its spikes to the core, since that is the axon they arrive on. A relay
/// core's synapses feed its relay neurons, one each, from their parents: the relay projection, weight 1, one relay hop of delay.
/// </summary>
public static class CoreSynapses
{
    public static List<ConfiguredSynapse>[] Of(Network network, DigitalPartition partition, DigitalRouting routing, IReadOnlyList<MappedProjection> projections)
    {
        var relays = routing.Relays;
        var perCore = Enumerable.Range(0, partition.CoreCount + relays.Cores.Length).Select(_ => new List<ConfiguredSynapse>()).ToArray();
        var coreOf = network.Populations.Select(p => new int[p.Size]).ToArray();
        foreach (var slice in partition.Cores)
        {
            Array.Fill(coreOf[slice.Population], slice.Core, slice.Start, slice.Count);
        }
        foreach (var mapped in projections)
        {
            var projection = network.Projections[mapped.Projection];
            var synapses = projection.Synapses!;
            var targetCores = coreOf[projection.Target.Population];
            for (int s = 0; s + 1 < synapses.RowStart.Length; s++)
            {
                var source = new NeuronRef(projection.Source.Population, projection.Source.Start + s);
                bool relayed = relays.Levels(source) > 0;
                for (int k = synapses.RowStart[s]; k < synapses.RowStart[s + 1]; k++)
                {
                    int target = synapses.Targets[k];
                    int core = targetCores[target];
                    var axon = relayed ? new NeuronRef(relays.Population, relays.Delivering(source, core)) : source;
                    perCore[core].Add(new ConfiguredSynapse(mapped.Projection, axon.Population, axon.Neuron, target - partition.Cores[core].Start,
                        mapped.Mantissas[k], mapped.DelaySteps[k]));
                }
            }
        }
        foreach (var relay in relays.Neurons)
        {
            perCore[relay.Core].Add(new ConfiguredSynapse(relays.Projection, relay.Parent.Population, relay.Parent.Neuron, relay.Index, 1, relays.LinkDelay));
        }
        return perCore;
    }
}
