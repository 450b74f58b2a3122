using NeuroCompiler.Targets.Emulation;

namespace NeuroCompiler.Targets.Tests;

/// <summary>The van Rossum distance matches the hand formulas and the plain double sum over all pairs.</summary>
public sealed class SpikeTrainDistanceTests
{
    private const double Tau = 0.01;

    /// <summary>The definition written out: every pair, O(n·m).</summary>
    private static double Naive(double[] a, double[] b, double tau)
    {
        static double Sum(double[] x, double[] y, double tau)
        {
            double sum = 0;
            foreach (var s in x)
                foreach (var t in y)
                    sum += Math.Exp(-Math.Abs(s - t) / tau);
            return sum;
        }
        return Sum(a, a, tau) + Sum(b, b, tau) - 2 * Sum(a, b, tau);
    }

    /// <summary>Sorted random times over one second; with <paramref name="repeats"/>, some times are copied onto the next spike.</summary>
    private static double[] RandomTrain(Random random, int count, bool repeats = false)
    {
        var times = new double[count];
        for (int i = 0; i < count; i++)
            times[i] = random.NextDouble();
        Array.Sort(times);
        if (repeats)
            for (int i = 1; i < count; i++)
                if (random.NextDouble() < 0.2)
                    times[i] = times[i - 1];
        return times;
    }

    [Fact]
    public void IdenticalTrainsAreZero()
    {
        double[] train = [0.001, 0.004, 0.004, 0.02, 0.5];
        Assert.Equal(0, SpikeTrainDistance.VanRossumSquared(train, train, Tau));
        Assert.Equal(0, SpikeTrainDistance.VanRossum(train, train, Tau));
        Assert.Equal(0, SpikeTrainDistance.VanRossum([], [], Tau));
    }

    [Fact]
    public void OneSpikeAgainstNothingIsOne()
    {
        Assert.Equal(1, SpikeTrainDistance.VanRossumSquared([0.3], [], Tau), 12);
        Assert.Equal(1, SpikeTrainDistance.VanRossum([], [0.3], Tau), 12);
    }

    [Fact]
    public void TwoSpikesFarApartAreTwo()
    {
        Assert.Equal(2, SpikeTrainDistance.VanRossumSquared([0.1], [0.1 + 100 * Tau], Tau), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.037)]
    public void TwoSpikesAtDistanceMatchTheFormula(double d)
    {
        double expected = 2 - 2 * Math.Exp(-d / Tau);
        Assert.Equal(expected, SpikeTrainDistance.VanRossumSquared([0.2], [0.2 + d], Tau), 12);
        Assert.Equal(expected, SpikeTrainDistance.VanRossumSquared([0.2 + d], [0.2], Tau), 12);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void SweepMatchesTheDoubleSum(int seed, bool repeats)
    {
        var random = new Random(seed);
        var a = RandomTrain(random, 400, repeats);
        var b = RandomTrain(random, 300, repeats);
        foreach (var tau in new[] { 0.0005, 0.005, 0.05 })
        {
            double expected = Naive(a, b, tau);
            double actual = SpikeTrainDistance.VanRossumSquared(a, b, tau);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"tau {tau}: {actual} against {expected}");
        }
    }

    [Fact]
    public void SweepMatchesTheDoubleSumOnSharedTimes()
    {
        // The second train reuses some of the first one's times exactly, so ties fall between the trains too.
        var random = new Random(7);
        var a = RandomTrain(random, 300, repeats: true);
        var b = a.Where(_ => random.NextDouble() < 0.6).Concat(RandomTrain(random, 100)).Order().ToArray();
        double expected = Naive(a, b, Tau);
        double actual = SpikeTrainDistance.VanRossumSquared(a, b, Tau);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{actual} against {expected}");
    }

    [Fact]
    public void DistanceIsSymmetric()
    {
        var random = new Random(11);
        var a = RandomTrain(random, 250, repeats: true);
        var b = RandomTrain(random, 180, repeats: true);
        double ab = SpikeTrainDistance.VanRossumSquared(a, b, Tau);
        double ba = SpikeTrainDistance.VanRossumSquared(b, a, Tau);
        Assert.True(ab > 0);
        Assert.Equal(ab, ba, 1e-9 * ab);
        Assert.Equal(SpikeTrainDistance.VanRossum(a, b, Tau), SpikeTrainDistance.VanRossum(b, a, Tau), 1e-9);
    }

    [Fact]
    public void PopulationOfIdenticalTrainsIsZero()
    {
        var random = new Random(5);
        var trains = Enumerable.Range(0, 20).Select(i => RandomTrain(random, i * 3)).ToList();
        var distance = SpikeTrainDistance.Population(trains, trains, Tau);
        Assert.Equal(20, distance.Neurons);
        Assert.Equal(0, distance.MeanDistance);
        Assert.Equal(0, distance.Normalised);
    }

    [Fact]
    public void PopulationShiftedFarApartIsAboutOne()
    {
        // Spikes 100 tau apart within a train, the copy shifted by 50 tau: no two spikes are near each other.
        var ideal = Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, i + 1).Select(k => k * 100 * Tau).ToArray()).ToList();
        var mapped = ideal.Select(train => train.Select(t => t + 50 * Tau).ToArray()).ToList();
        var distance = SpikeTrainDistance.Population(ideal, mapped, Tau);
        Assert.Equal(1, distance.Normalised, 1e-6);
        Assert.Equal(ideal.Average(train => Math.Sqrt(2 * train.Length)), distance.MeanDistance, 1e-6);
    }

    [Fact]
    public void PopulationWithoutSpikesIsZero()
    {
        var empty = Enumerable.Range(0, 4).Select(_ => Array.Empty<double>()).ToList();
        var distance = SpikeTrainDistance.Population(empty, empty, Tau);
        Assert.Equal(0, distance.Normalised);
        Assert.Equal(4, distance.Neurons);
    }
}
