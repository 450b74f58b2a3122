namespace NeuroCompiler.Host;

/// <summary>The spiking neurons of the last few steps, kept in a ring as long as the longest delay.</summary>
internal sealed class SpikeHistory
{
    private readonly int[][] _spikes;
    private readonly int[] _counts;

    public SpikeHistory(int depth, int size)
    {
        _spikes = Enumerable.Range(0, depth).Select(_ => new int[size]).ToArray();
        _counts = new int[depth];
    }

    public void Store(long step, int[] spiked, int count)
    {
        int slot = (int)(step % _spikes.Length);
        Array.Copy(spiked, _spikes[slot], count);
        _counts[slot] = count;
    }

    /// <summary>Steps kept (the longest delay out of the population, plus one).</summary>
    public int Depth => _spikes.Length;

    /// <summary>The slot that holds the spikes of <paramref name="step"/> (≥ 0).</summary>
    public int Slot(long step) => (int)(step % _spikes.Length);

    public ReadOnlySpan<int> At(long step)
    {
        if (step < 0)
        {
            return ReadOnlySpan<int>.Empty;
        }
        int slot = (int)(step % _spikes.Length);
        return _spikes[slot].AsSpan(0, _counts[slot]);
    }
}
