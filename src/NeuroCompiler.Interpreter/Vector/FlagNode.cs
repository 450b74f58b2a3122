using System.Numerics;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>A per-element flag as 1 or 0 (whether each neuron is refractory); no flags read as 0.</summary>
internal sealed class FlagNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Func<bool[]?> _flags;

    /// <param name="flags">The flags as they are when the node is evaluated.</param>
    public FlagNode(Func<bool[]?> flags) => _flags = flags;

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        var flags = _flags();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = flags is not null && flags[frame.Start + i] ? T.One : T.Zero;
        }
        return span;
    }
}
