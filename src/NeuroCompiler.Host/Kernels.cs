using System.Numerics;

namespace NeuroCompiler.Host;

/// <summary>
/// The arrays of one population that a compiled kernel reads and writes. Parameters are per neuron
/// (<see cref="Parameters"/>[slot], null when shared) or shared and changed by the protocol
/// (<see cref="SharedParameters"/>[slot], a one-element array); shared fixed parameters are folded
/// into the kernel.
/// </summary>
public sealed class PopulationArrays<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required T[][] States { get; init; }
    public required T[]?[] Parameters { get; init; }
    public required T[]?[] SharedParameters { get; init; }
    public required T[]?[] Globals { get; init; }
    public required T[][] Signals { get; init; }
    public required T[]?[] Positions { get; init; }
    public required bool[] Refractory { get; init; }

    /// <summary>The refractory neurons as a list (with one refractory period for all), for kernels that update everyone and redo those.</summary>
    public RefractoryTracker? Tracker { get; init; }

    /// <summary>Scratch, one array per state, for values computed before the bulk update overwrites them.</summary>
    public required T[][] Saved { get; init; }

    /// <summary>Per neuron propagators (P, G, refractory P, refractory G, each n×n) when they differ between neurons.</summary>
    public T[][]? Propagators { get; init; }

    public required ulong Seed { get; init; }
}

/// <summary>
/// Advances neurons [start, end) of a population by one step and evaluates their threshold
/// condition. Writes, in ascending order, the neurons that are not refractory and whose condition
/// holds into <paramref name="candidates"/> and returns how many; the host drops silenced ones.
/// When, after the update, a neuron of [start, end) has a state that is not finite (any state, updated
/// or not), returns ~i for the lowest such neuron i instead (<see cref="NonFiniteScan.First{T}"/>
/// finds it): the run stops at this step.
/// </summary>
public delegate int PopulationKernel<T>(int start, int end, long step, T time, int[] candidates) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>Supplies compiled kernels to a simulation; a population without one is interpreted.</summary>
public interface IKernelFactory<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The backend's name for results ("cpu").</summary>
    string Backend { get; }

    PopulationKernel<T>? Population(int population, PopulationArrays<T> arrays);

    /// <summary>
    /// Whether the kernels can be bound now. A factory whose kernels are still being compiled says
    /// no; the simulation then interprets (the same results, bit for bit) and binds them at the
    /// first step where this turns true.
    /// </summary>
    bool Ready => true;

    /// <summary>
    /// The whole step on the backend's device, for a model whose every part allows it (see
    /// <see cref="IResidentStep{T}"/>); null (the default) keeps delivery, input and resets on the host.
    /// </summary>
    IResidentStep<T>? Resident(ResidentModel<T> model) => null;

    /// <summary>A projection's compiled handlers and clock rules; null (the default) interprets them.</summary>
    SynapseKernels<T>? Projection(int projection, SynapseArrays<T> arrays) => null;

    /// <summary>Told the step at which the kernels were bound (0 when they were ready from the start).</summary>
    void Bound(long step)
    {
    }
}

/// <summary>
/// The arrays a projection's compiled synapse code reads and writes: the synapses' variables
/// (<see cref="Values"/>[slot], parameters then states, null for shared parameters), their targets,
/// presynaptic neurons and incoming lists, both populations' arrays, the model-level values, the
/// event-driven states and, with structural plasticity, which synapses exist and since when.
/// </summary>
public sealed class SynapseArrays<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required T[]?[] Values { get; init; }
    public required int[] Targets { get; init; }
    public required int[]? PreOfSynapse { get; init; }
    public required int[]? IncomingStart { get; init; }
    public required int[]? Incoming { get; init; }
    public required PopulationArrays<T>? Pre { get; init; }
    public required PopulationArrays<T>? Post { get; init; }
    public required T[]?[] Globals { get; init; }
    public required T[][] Signals { get; init; }
    public required EventDrivenStates<T>? EventDriven { get; init; }
    public required T[]? Exists { get; init; }
    public required long[]? Born { get; init; }
    public required ulong Seed { get; init; }
}

/// <summary>
/// Runs <c>on_pre</c> for the synapses [first, end) of one spike of neuron <paramref name="pre"/> emitted at
/// <paramref name="emitted"/>, at step <paramref name="step"/>; returns how many synapses delivered it.
/// </summary>
public delegate long PreHandlerKernel<T>(int first, int end, int pre, long emitted, long step, T time) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>Runs <c>on_post</c> for every synapse onto neuron <paramref name="post"/> (which spiked at <paramref name="step"/>).</summary>
public delegate void PostHandlerKernel<T>(int post, long step, T time) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>Runs one clock rule for every synapse of the projection.</summary>
public delegate void ClockRuleKernel<T>(long step, T time) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>A projection's compiled synapse code; a null entry (or a missing clock rule) is interpreted.</summary>
public sealed record SynapseKernels<T>(PreHandlerKernel<T>? Pre, PostHandlerKernel<T>? Post, ClockRuleKernel<T>[] ClockRules)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
