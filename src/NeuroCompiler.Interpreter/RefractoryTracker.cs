namespace NeuroCompiler.Interpreter;

/// <summary>
/// Which neurons of a population are refractory at the current step, kept up to date from the
/// spikes instead of recomputed for every neuron: with a period of R steps, a neuron that spiked at
/// step m is refractory at steps m+1 .. m+R-1. So at step n the spikes of step n-1 become refractory
/// and those of step n-R stop being so (a refractory neuron cannot have spiked since). The current
/// refractory neurons are kept as a list too, for kernels that update everyone and then redo those.
/// </summary>
public sealed class RefractoryTracker
{
    private readonly int _period;
    private readonly bool[] _refractory;
    private readonly int[][] _ring;
    private readonly int[] _counts;
    private int[] _held = new int[16];

    public RefractoryTracker(int period, bool[] refractory)
    {
        _period = period;
        _refractory = refractory;
        int slots = Math.Max(1, period);
        _ring = Enumerable.Range(0, slots).Select(_ => new int[16]).ToArray();
        _counts = new int[slots];
    }

    /// <summary>The refractory neurons at the current step, in no particular order.</summary>
    public int[] Held => _held;

    public int HeldCount { get; private set; }

    /// <summary>Moves to step n, given the spikes of step n-1.</summary>
    public void Advance(long step, ReadOnlySpan<int> previousSpikes)
    {
        if (_period < 2)
        {
            return; // a spike at m makes the neuron refractory at no later step
        }
        int expired = (int)(step % _period);
        for (int k = 0; k < _counts[expired]; k++)
        {
            _refractory[_ring[expired][k]] = false;
        }
        int slot = (int)((step - 1 + _period) % _period);
        if (_ring[slot].Length < previousSpikes.Length)
        {
            _ring[slot] = new int[Math.Max(previousSpikes.Length, 2 * _ring[slot].Length)];
        }
        previousSpikes.CopyTo(_ring[slot]);
        _counts[slot] = previousSpikes.Length;
        foreach (int neuron in previousSpikes)
        {
            _refractory[neuron] = true;
        }
        HeldCount = 0;
        for (int s = 0; s < _period; s++)
        {
            if (s == expired)
            {
                continue;
            }
            if (_held.Length < HeldCount + _counts[s])
            {
                Array.Resize(ref _held, Math.Max(HeldCount + _counts[s], 2 * _held.Length));
            }
            Array.Copy(_ring[s], 0, _held, HeldCount, _counts[s]);
            HeldCount += _counts[s];
        }
    }
}
