using System.Numerics;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>
/// The block of elements an expression is evaluated over: elements Start..Start+Length of a group
/// (neurons of a population, synapses of a projection), at one step. Integrators point
/// <see cref="States"/> at stage values; event handlers use blocks of one synapse with
/// <see cref="Pre"/> and <see cref="Post"/> set.
/// </summary>
public sealed class Frame<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public const int BlockSize = 256;

    public Frame(T[][] states) => States = states;

    public int Start;
    public int Length;
    public long Step;
    public T Time;
    public T[][] States;

    /// <summary>The presynaptic and postsynaptic neuron of the synapse an event handler runs for.</summary>
    public int Pre;
    public int Post;
}
