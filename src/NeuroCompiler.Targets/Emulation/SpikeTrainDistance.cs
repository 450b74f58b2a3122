namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// How far apart a population's spikes are in two runs, neuron by neuron.
/// <see cref="MeanDistance"/> is the van Rossum distance averaged over the neurons.
/// <see cref="Normalised"/> is the summed squared distance divided by the total number of spikes in both runs:
/// 0 when every train is the same, about 1 when no spike has a partner within several time constants,
/// and 0 when neither run has any spike.
/// </summary>
public sealed record PopulationDistance(double MeanDistance, double Normalised, int Neurons);

/// <summary>
/// The van Rossum distance between spike trains: each train is filtered with the causal kernel exp(-t/tau)
/// and the squared difference of the two traces is integrated, scaled so that one spike with no partner counts 1.
/// Spike times are in seconds and sorted; equal times are allowed. The cost is linear in the number of spikes.
/// </summary>
public static class SpikeTrainDistance
{
    /// <summary>
    /// The squared distance: the sum over pairs of exp(-|s - t|/tau) within <paramref name="a"/>, plus the same within
    /// <paramref name="b"/>, less twice the same between them. Never negative (rounding is clamped at 0);
    /// exactly 0 for identical trains, where the three sums would otherwise leave rounding noise.
    /// </summary>
    public static double VanRossumSquared(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tau)
    {
        if (!(tau > 0) || double.IsInfinity(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "The time constant must be positive and finite.");
        if (a.SequenceEqual(b))
            return 0;
        double result = Auto(a, tau) + Auto(b, tau) - 2 * Cross(a, b, tau);
        return Math.Max(0, result);
    }

    /// <summary>The van Rossum distance: the square root of <see cref="VanRossumSquared"/>.</summary>
    public static double VanRossum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tau) =>
        Math.Sqrt(VanRossumSquared(a, b, tau));

    /// <summary>
    /// Compares the trains of one population in two runs; <paramref name="ideal"/>[i] and <paramref name="mapped"/>[i]
    /// are neuron i's sorted spike times.
    /// </summary>
    public static PopulationDistance Population(IReadOnlyList<double[]> ideal, IReadOnlyList<double[]> mapped, double tau)
    {
        if (ideal.Count != mapped.Count)
            throw new ArgumentException($"The runs have {ideal.Count} and {mapped.Count} neurons.", nameof(mapped));
        double distances = 0, squares = 0;
        long spikes = 0;
        for (int i = 0; i < ideal.Count; i++)
        {
            double squared = VanRossumSquared(ideal[i], mapped[i], tau);
            distances += Math.Sqrt(squared);
            squares += squared;
            spikes += ideal[i].Length + mapped[i].Length;
        }
        int neurons = ideal.Count;
        return new PopulationDistance(neurons > 0 ? distances / neurons : 0, spikes > 0 ? squares / spikes : 0, neurons);
    }

    /// <summary>
    /// The sum over all ordered pairs in one train: n for the pairs of a spike with itself, plus twice the sum over
    /// earlier spikes, carried forward (before = exp(-(t_i - t_{i-1})/tau) (1 + before)).
    /// </summary>
    private static double Auto(ReadOnlySpan<double> times, double tau)
    {
        double sum = times.Length, before = 0;
        for (int i = 1; i < times.Length; i++)
        {
            before = Math.Exp(-(times[i] - times[i - 1]) / tau) * (1 + before);
            sum += 2 * before;
        }
        return sum;
    }

    /// <summary>
    /// The sum over pairs between the trains, in one sweep through both in time order: each spike adds the other
    /// train's trace at its time, so each pair is counted once, by the later of the two (at a tie, by the one taken second).
    /// </summary>
    private static double Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tau)
    {
        double sum = 0, traceA = 0, traceB = 0, last = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            bool takeA = j >= b.Length || (i < a.Length && a[i] <= b[j]);
            double t = takeA ? a[i] : b[j];
            if (i + j > 0)
            {
                double decay = Math.Exp(-(t - last) / tau);
                traceA *= decay;
                traceB *= decay;
            }
            last = t;
            if (takeA)
            {
                sum += traceB;
                traceA += 1;
                i++;
            }
            else
            {
                sum += traceA;
                traceB += 1;
                j++;
            }
        }
        return sum;
    }
}
