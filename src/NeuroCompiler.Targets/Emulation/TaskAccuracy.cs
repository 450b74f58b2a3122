using System.Collections.Immutable;
using System.Globalization;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>One task trial scored on one run: the two groups' mean rates in the window, and whether the first was higher.</summary>
public sealed record TrialScore(string Name, double TargetRate, double ReferenceRate)
{
    public bool Passed => TargetRate > ReferenceRate;
}

/// <summary>
/// Scores a run on the model's task trials (<see cref="TaskTrial"/>): for each, the mean rate of the target group and of
/// the reference group over the trial's window; the accuracy is the fraction of trials whose target fired faster.
/// </summary>
public static class TaskAccuracy
{
    /// <param name="spikes">Every spike of the run: population, neuron, time in seconds.</param>
    public static ImmutableArray<TrialScore> Score(Network network, IEnumerable<(int Population, int Neuron, double Time)> spikes)
    {
        var trials = network.Tasks;
        if (trials.IsEmpty)
        {
            return ImmutableArray<TrialScore>.Empty;
        }
        double dt = network.Settings.Dt;
        var counts = new long[trials.Length, 2];
        foreach (var (population, neuron, time) in spikes)
        {
            for (int k = 0; k < trials.Length; k++)
            {
                var trial = trials[k];
                double start = trial.StartStep * dt, end = (trial.StartStep + trial.Steps) * dt;
                if (time < start - dt / 2 || time >= end - dt / 2)
                {
                    continue;
                }
                counts[k, 0] += Contains(trial.Target, population, neuron) ? 1 : 0;
                counts[k, 1] += Contains(trial.Reference, population, neuron) ? 1 : 0;
            }
        }
        return trials.Select((t, k) =>
        {
            double window = t.Steps * dt;
            return new TrialScore(t.Name, counts[k, 0] / (t.Target.Count * window), counts[k, 1] / (t.Reference.Count * window));
        }).ToImmutableArray();
    }

    public static double Accuracy(ImmutableArray<TrialScore> trials) => trials.IsEmpty ? double.NaN : trials.Count(t => t.Passed) / (double)trials.Length;

    /// <summary>"task: ideal 2 of 2 trials (100 %), mapped 1 of 2 (50 %); recall_a 12.1 > 1.2 Hz / 3.3 ≤ 4.0 Hz; ..."</summary>
    public static string Describe(ImmutableArray<TrialScore> ideal, ImmutableArray<TrialScore> mapped)
    {
        var c = CultureInfo.InvariantCulture;
        string Trial(TrialScore s) => string.Format(c, "{0:0.#} {1} {2:0.#} Hz", s.TargetRate, s.Passed ? ">" : "≤", s.ReferenceRate);
        return string.Format(c, "task: ideal {0} of {1} trials ({2:P0}), mapped {3} of {1} ({4:P0}); ", ideal.Count(t => t.Passed), ideal.Length, Accuracy(ideal),
                   mapped.Count(t => t.Passed), Accuracy(mapped)) +
               string.Join("; ", ideal.Zip(mapped, (i, m) => $"{i.Name} {Trial(i)} / {Trial(m)}"));
    }

    private static bool Contains(PopulationRange range, int population, int neuron) =>
        range.Population == population && neuron >= range.Start && neuron < range.Start + range.Count;
}
