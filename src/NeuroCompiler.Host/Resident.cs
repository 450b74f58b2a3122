using System.Numerics;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Host;

/// <summary>
/// What a run hands a backend that keeps the whole step on its device (<see cref="IResidentStep{T}"/>):
/// every array the device reads or writes, by population, projection and Poisson input. The host
/// arrays stay the run's own: the device copies them up on <see cref="IResidentStep{T}.Push"/> and
/// back on <see cref="IResidentStep{T}.Pull"/>.
/// </summary>
public sealed class ResidentModel<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required ResidentPopulation<T>[] Populations { get; init; }

    /// <summary>Per projection its per-synapse values; null for one without an on_pre handler.</summary>
    public required ResidentProjection<T>?[] Projections { get; init; }

    /// <summary>Per Poisson input, in the order of the network's stimuli.</summary>
    public required ResidentPoisson<T>[] Poisson { get; init; }

    public required ulong Seed { get; init; }
}

/// <summary>
/// One population on the device: the arrays its kernel reads and writes (null for a spike generator
/// or a population without dynamics), when each neuron last spiked, how deeply it is silenced, its
/// refractory period in steps (one for all, or per neuron), and how many steps of its spikes
/// delivery needs (0 when nothing projects from it).
/// </summary>
public sealed record ResidentPopulation<T>(
    int Size,
    PopulationArrays<T>? Arrays,
    long[] LastSpike,
    int[] SilenceDepth,
    int RefractorySteps,
    int[]? RefractoryStepsPerNeuron,
    int HistoryDepth)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>
/// A projection whose handler touches only the postsynaptic neuron (<see cref="IR.PostLocalHandler"/>):
/// its per-synapse values (parameters then states, null for shared ones), which the device's gather
/// kernel reads by synapse.
/// </summary>
public sealed record ResidentProjection<T>(T[]?[] Values)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>A Poisson input: the state it adds weight·k to, and its current binomial table (the protocol may change its rate).</summary>
public sealed record ResidentPoisson<T>(T[] State, T Weight, bool SkipRefractory, Func<BinomialTable> Table)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>
/// A whole step on a device, in the reference order: refractoriness, every population's kernel and
/// threshold, the spike lists (silenced neurons dropped), delivery of delayed spikes, Poisson input,
/// resets. The host keeps the protocol, the injected currents, model-level signals and recording;
/// it pulls the device's states before it reads them and pushes its arrays after it writes them.
/// </summary>
public interface IResidentStep<T> : IDisposable where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Copies the device's neuron states to the host arrays.</summary>
    void Pull();

    /// <summary>Copies the host's states, parameters, silencing and Poisson rates to the device.</summary>
    void Push();

    /// <summary>Refractoriness, each population's kernel and threshold, and the spike lists of step n.</summary>
    void Update(long step, T time);

    /// <summary>
    /// After <see cref="Update"/>: the first population (by index) whose kernel left a neuron with a
    /// state that is not finite, or −1. The host then pulls the states and finds the neuron.
    /// </summary>
    int NonFinite();

    /// <summary>The spikes of step n of a population with a kernel, ascending, into <paramref name="into"/>; returns how many.</summary>
    int Spikes(int population, int[] into);

    /// <summary>Gives the device the spikes of step n of a population the host generates (a spike generator).</summary>
    void Store(int population, long step, ReadOnlySpan<int> spikes);

    /// <summary>Delivery of the spikes that arrive at step n, Poisson input, and the resets of step n's spiking neurons.</summary>
    void Deliver(long step, T time);

    /// <summary>Synaptic events delivered so far.</summary>
    long Events { get; }
}
