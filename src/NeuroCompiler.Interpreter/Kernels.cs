using System.Numerics;

namespace NeuroCompiler.Interpreter;

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

    /// <summary>Told the step at which the kernels were bound (0 when they were ready from the start).</summary>
    void Bound(long step)
    {
    }
}
