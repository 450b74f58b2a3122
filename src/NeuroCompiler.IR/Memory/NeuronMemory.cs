namespace NeuroCompiler.IR.Memory;

/// <summary>
/// What each population holds, per neuron: its initial values in float64 while the network is
/// built (every parameter and state), the run's states twice (the values and the kernels' saved copy)
/// and per-neuron parameters in the model's precision, its bookkeeping (last spike 8 bytes, ISI
/// statistics 32, silencing 4, spike list 4, refractory flag 1, worker candidates 4) and, for a
/// population that sends spikes over projections, the ring of its recent spikes: 4 bytes per neuron
/// for each step of the longest delay.
/// </summary>
public static class NeuronMemory
{
    public const long BookkeepingBytes = 8 + 32 + 4 + 4 + 1 + 4;
    public const long InitialValueBytes = 8;
    public const long HistoryBytesPerStep = 4;

    /// <summary>The history depth assumed for a projection whose delays vary per synapse and are not built yet: 6.4 ms at 0.1 ms.</summary>
    public const int AssumedMaxDelaySteps = 64;

    public static IEnumerable<MemoryItem> Of(Network network)
    {
        int precision = network.Settings.Precision == Runtime.Precision.Float32 ? 4 : 8;
        foreach (var population in network.Populations)
        {
            long size = population.Size;
            int depth = network.Projections.Where(p => p.Source.Population == population.Index).Select(MaxDelay).DefaultIfEmpty(-1).Max() + 1;
            double perNeuron = BookkeepingBytes + depth * HistoryBytesPerStep;
            if (population.Model is { } model)
            {
                int perElement = model.Parameters.Count(p => p.PerElement);
                perNeuron += InitialValueBytes * (model.Parameters.Length + model.States.Length) + precision * (2 * model.States.Length + perElement);
            }
            if (population.Positions is not null)
            {
                perNeuron += 3 * (8 + precision);
            }
            yield return new MemoryItem(MemoryPart.Neurons, RecordingMemory.Saturate(size * perNeuron), $"{population.Name}: {size:N0} neurons × {perNeuron:N0} B",
                population.Location);
        }
    }

    private static int MaxDelay(Projection projection) =>
        projection.Synapses?.MaxDelay ?? projection.ConstantDelaySteps ?? AssumedMaxDelaySteps;
}
