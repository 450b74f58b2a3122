namespace NeuroCompiler.Host;

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
    private readonly int[] _counts;
    private int[] _held = new int[64];

    public RefractoryTracker(int period, bool[] refractory)
    {
        _period = period;
        _refractory = refractory;
        _counts = new int[Math.Max(1, period)];
    }

    /// <summary>
    /// The refractory neurons at the current step are <c>Held[HeldStart..HeldEnd)</c>: the spikes of
    /// the last R-1 steps, oldest first, kept as a queue (the oldest step leaves, the newest joins).
    /// </summary>
    public int[] Held => _held;

    public int HeldStart { get; private set; }

    public int HeldEnd { get; private set; }

    /// <summary>Moves to step n, given the spikes of step n-1.</summary>
    public void Advance(long step, ReadOnlySpan<int> previousSpikes)
    {
        if (_period < 2)
        {
            return; // a spike at m makes the neuron refractory at no later step
        }
        // The spikes of step n-R leave the queue's head.
        int expired = (int)(step % _period);
        for (int k = HeldStart; k < HeldStart + _counts[expired]; k++)
        {
            _refractory[_held[k]] = false;
        }
        HeldStart += _counts[expired];
        _counts[expired] = 0;
        // The spikes of step n-1 join at its tail.
        if (HeldEnd + previousSpikes.Length > _held.Length)
        {
            int live = HeldEnd - HeldStart;
            var target = live + previousSpikes.Length > _held.Length / 2 ? new int[2 * (live + previousSpikes.Length)] : _held;
            Array.Copy(_held, HeldStart, target, 0, live);
            _held = target;
            HeldStart = 0;
            HeldEnd = live;
        }
        previousSpikes.CopyTo(_held.AsSpan(HeldEnd));
        HeldEnd += previousSpikes.Length;
        _counts[(int)((step - 1 + _period) % _period)] = previousSpikes.Length;
        foreach (int neuron in previousSpikes)
        {
            _refractory[neuron] = true;
        }
    }
}
