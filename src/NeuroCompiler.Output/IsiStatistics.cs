namespace NeuroCompiler.Output;

/// <summary>
/// Inter-spike-interval statistics per neuron, updated at each spike in O(1) (Welford), so a run
/// reports every neuron's CV without storing its spikes.
/// </summary>
public sealed class IsiStatistics
{
    private readonly long[] _last;
    private readonly long[] _count;
    private readonly double[] _mean;
    private readonly double[] _m2;

    public IsiStatistics(int size)
    {
        _last = new long[size];
        Array.Fill(_last, -1);
        _count = new long[size];
        _mean = new double[size];
        _m2 = new double[size];
    }

    public long TotalSpikes { get; private set; }

    public void Spike(int neuron, long step)
    {
        TotalSpikes++;
        long last = _last[neuron];
        _last[neuron] = step;
        if (last < 0)
        {
            return;
        }
        double isi = step - last;
        long n = ++_count[neuron];
        double delta = isi - _mean[neuron];
        _mean[neuron] += delta / n;
        _m2[neuron] += delta * (isi - _mean[neuron]);
    }

    /// <summary>Mean over neurons with at least two intervals of std(ISI)/mean(ISI); NaN when none has.</summary>
    public (double MeanCv, int Neurons) MeanCv()
    {
        double sum = 0;
        int neurons = 0;
        for (int i = 0; i < _count.Length; i++)
        {
            if (_count[i] >= 2 && _mean[i] > 0)
            {
                double variance = _m2[i] / _count[i];
                sum += Math.Sqrt(variance) / _mean[i];
                neurons++;
            }
        }
        return (neurons == 0 ? double.NaN : sum / neurons, neurons);
    }
}
