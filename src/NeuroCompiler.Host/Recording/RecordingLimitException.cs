namespace NeuroCompiler.Host.Recording;

/// <summary>
/// The run recorded more spikes than the memory set aside for them holds (<see cref="InterpreterOptions.RecordedSpikeLimit"/>):
/// <see cref="Spikes"/> spikes by the end of step <see cref="Step"/>. The run stops there rather than grow until the
/// machine kills it.
/// </summary>
public sealed class RecordingLimitException(long spikes, long step)
    : Exception($"{spikes:N0} spikes recorded by step {step:N0}, more than the memory set aside for them holds")
{
    public long Spikes { get; } = spikes;

    public long Step { get; } = step;
}
