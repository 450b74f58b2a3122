using System.Numerics;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter;

/// <summary>
/// A compiled statement of an event handler: which array it writes and how the index is chosen.
/// <see cref="Refractory"/> is the target population's refractoriness when the statement writes a
/// state that is clamped while refractory: such writes are dropped for refractory neurons (as Brian2
/// does for variables marked "unless refractory", and NEST for inputs arriving while refractory).
/// </summary>
public sealed record HandlerStatement<T>(T[] Target, HandlerIndex Index, AssignOperator Operator, VectorNode<T> Value, bool[]? Refractory)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// For an <c>on_pre</c> or <c>on_post</c> statement that writes a synapse variable: the projection,
    /// the variable's value slot and the handler, so that a value written that is not finite stops the run there.
    /// </summary>
    public (int Projection, int Slot, string Origin)? Written { get; init; }
}

public enum HandlerIndex
{
    Synapse,
    Pre,
    Post,
    /// <summary>A model-level state (one element).</summary>
    Model,
}
