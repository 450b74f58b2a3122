using System.Numerics;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>Values computed for the current block (an integrator's local), indexed from the block's start.</summary>
internal sealed class BlockNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;

    public BlockNode(T[] values) => _values = values;

    public override ReadOnlySpan<T> Eval(Frame<T> frame) => _values.AsSpan(0, frame.Length);
}
