using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Output;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>What emulators of every family share: the ideal run's input spikes in device steps, and comparing spikes with the ideal run's.</summary>
public static class FidelityComparison
{
    /// <summary>Time constant of the spike-train distance: 10 ms.</summary>
    public const double DistanceTau = 10e-3;

    /// <summary>The spikes of the populations that are not on the hardware (inputs), at the nearest device step.</summary>
    public static List<DeviceSpike> Inputs(Network network, IReadOnlySet<int> onChip, SimulationResult ideal, double deviceDt)
    {
        var inputs = new List<DeviceSpike>();
        foreach (var train in ideal.Spikes)
        {
            int index = network.Populations.First(p => p.Name == train.Population).Index;
            if (onChip.Contains(index))
            {
                continue;
            }
            for (int k = 0; k < train.Steps.Length; k++)
            {
                inputs.Add(new DeviceSpike(DeviceStep(train.Steps[k], network.Settings.Dt, deviceDt), index, train.Indices[k]));
            }
        }
        return inputs;
    }

    /// <summary>The device step a spike of model step <paramref name="step"/> arrives in: the nearest (halves away from zero).</summary>
    public static long DeviceStep(long step, double modelDt, double deviceDt) => (long)Math.Round(step * (modelDt / deviceDt), MidpointRounding.AwayFromZero);

    /// <summary>The device steps that run <paramref name="duration"/> seconds.</summary>
    public static long DeviceSteps(double duration, double deviceDt) => (long)Math.Round(duration / deviceDt);

    /// <summary>Each on-chip population's rate and spike-train distance, ideal against mapped.</summary>
    public static FidelityReport Compare(Network network, IReadOnlyList<int> onChip, SimulationResult ideal, IReadOnlyList<DeviceSpike> mapped,
        double deviceDt, ImmutableArray<string> notes)
    {
        double duration = network.Settings.Duration;
        var populations = onChip.Select(index =>
        {
            var population = network.Populations[index];
            var idealTrains = Trains(population.Size);
            foreach (var train in ideal.Spikes.Where(t => t.Population == population.Name))
            {
                for (int k = 0; k < train.Steps.Length; k++)
                {
                    idealTrains[train.Indices[k]].Add(train.Steps[k] * network.Settings.Dt);
                }
            }
            var mappedTrains = Trains(population.Size);
            foreach (var spike in mapped.Where(s => s.Population == index))
            {
                mappedTrains[spike.Neuron].Add(spike.Step * deviceDt);
            }
            var distance = SpikeTrainDistance.Population(idealTrains.Select(Sorted).ToList(), mappedTrains.Select(Sorted).ToList(), DistanceTau);
            long idealCount = idealTrains.Sum(t => t.Count);
            long mappedCount = mappedTrains.Sum(t => t.Count);
            return new PopulationFidelity(population.Name, idealCount / (population.Size * duration), mappedCount / (population.Size * duration),
                distance.Normalised);
        }).ToImmutableArray();
        long idealSpikes = ideal.Spikes.Where(t => onChip.Contains(network.Populations.First(p => p.Name == t.Population).Index)).Sum(t => (long)t.Steps.Length);
        if (network.Tasks.IsEmpty)
        {
            return new FidelityReport(populations, idealSpikes, mapped.Count, duration, notes);
        }
        // Inputs are the same in both runs: the mapped run's are the ideal run's.
        var idealAll = ideal.Spikes.SelectMany(t => t.Steps.Select((step, k) =>
            (network.Populations.First(p => p.Name == t.Population).Index, t.Indices[k], step * network.Settings.Dt))).ToList();
        var mappedAll = mapped.Select(s => (s.Population, s.Neuron, s.Step * deviceDt))
            .Concat(idealAll.Where(s => !onChip.Contains(s.Item1)));
        var idealTask = TaskAccuracy.Score(network, idealAll);
        var mappedTask = TaskAccuracy.Score(network, mappedAll);
        return new FidelityReport(populations, idealSpikes, mapped.Count, duration, notes.Add(TaskAccuracy.Describe(idealTask, mappedTask)))
        {
            IdealTask = idealTask,
            MappedTask = mappedTask,
        };
    }

    private static List<double>[] Trains(int size) => Enumerable.Range(0, size).Select(_ => new List<double>()).ToArray();

    private static double[] Sorted(List<double> train)
    {
        var array = train.ToArray();
        Array.Sort(array);
        return array;
    }
}
