using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

// Phases 5 and 9: this step's spikes (thresholds, kernels' candidates, spike generators), and resets.
internal sealed partial class Simulation<T>
{
    private void DetectSpikes(PopulationRuntime<T> population, long n, T time)
    {
        if (population.Model?.Refractory is not null)
        {
            population.UpdateRefractory(n); // (done already this step when the population integrated)
        }
        population.SpikeCount = 0;
        if (population.Population.Spikes is { } generator)
        {
            EmitGeneratorSpikes(population, generator, n);
            return;
        }
        if (population.Kernel is not null)
        {
            CollectSpikes(population);
            return;
        }
        if (population.Evaluator is { HasThreshold: true } evaluator)
        {
            population.SpikeCount = evaluator.Spikes(n, time, population.SilenceDepth, population.Spiked);
        }
    }

    /// <summary>Spikes from a kernel's candidates (ascending, not refractory): those not silenced.</summary>
    private static void CollectSpikes(PopulationRuntime<T> population)
    {
        for (int w = 0; w < population.WorkerCounts.Length; w++)
        {
            var candidates = population.WorkerCandidates[w];
            for (int c = 0; c < population.WorkerCounts[w]; c++)
            {
                int neuron = candidates[c];
                if (population.SilenceDepth[neuron] == 0)
                {
                    population.Spiked[population.SpikeCount++] = neuron;
                }
            }
        }
    }

    private static void EmitGeneratorSpikes(PopulationRuntime<T> population, SpikeSource generator, long n)
    {
        int count = generator.Steps.Length;
        if (count == 0)
        {
            return;
        }
        while (true)
        {
            if (population.NextGeneratorSpike >= count)
            {
                if (generator.PeriodSteps is not { } period)
                {
                    return;
                }
                population.NextGeneratorSpike = 0;
                population.GeneratorOffset += period;
            }
            int k = population.NextGeneratorSpike;
            long at = generator.Steps[k] + population.GeneratorOffset;
            if (at > n)
            {
                return;
            }
            population.NextGeneratorSpike++;
            int neuron = generator.Indices[k];
            // Two spikes of one neuron in one step count once.
            if (at == n && population.SilenceDepth[neuron] == 0 &&
                (population.SpikeCount == 0 || population.Spiked[population.SpikeCount - 1] != neuron))
            {
                population.Spiked[population.SpikeCount++] = neuron;
            }
        }
    }

    /// <summary>Phase 9: the spiking neurons reset (by the interpreter) and become refractory.</summary>
    private static void Reset(PopulationRuntime<T> population, long n, T time)
    {
        if (population.SpikeCount == 0 || population.Evaluator is not { } evaluator)
        {
            return;
        }
        var spiked = population.Spiked.AsSpan(0, population.SpikeCount);
        evaluator.Reset(spiked, n, time);
        foreach (int neuron in spiked)
        {
            population.LastSpike[neuron] = n;
        }
    }
}
