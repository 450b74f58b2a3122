using System.Numerics;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>
/// A compiled expression evaluated over a block of elements. <see cref="Eval"/> returns the block's
/// values: a view of an array for a plain variable, otherwise this node's own scratch space. Each
/// node owns its scratch, so evaluating a tree allocates nothing.
/// </summary>
public abstract class VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    protected readonly T[] Scratch = new T[Frame<T>.BlockSize];

    public abstract ReadOnlySpan<T> Eval(Frame<T> frame);
}

/// <summary>
/// A mutable number shared by a whole group (a parameter or model param the protocol changes),
/// kept in a one-element array so compiled kernels can read the same storage.
/// </summary>
public sealed class Box<T>
{
    public Box(T value) => Cell = new[] { value };

    public T[] Cell { get; }

    public T Value
    {
        get => Cell[0];
        set => Cell[0] = value;
    }
}

internal sealed class ConstantNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public ConstantNode(T value)
    {
        Value = value;
        Array.Fill(Scratch, value);
    }

    public T Value { get; }

    public override ReadOnlySpan<T> Eval(Frame<T> frame) => Scratch.AsSpan(0, frame.Length);
}

internal sealed class BoxNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Box<T> _box;

    public BoxNode(Box<T> box) => _box = box;

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        span.Fill(_box.Value);
        return span;
    }
}

/// <summary>A per-element array, indexed by the element itself.</summary>
internal sealed class ArrayNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;

    public ArrayNode(T[] values) => _values = values;

    public T[] Values => _values;

    public override ReadOnlySpan<T> Eval(Frame<T> frame) => _values.AsSpan(frame.Start, frame.Length);
}

/// <summary>A state read through the frame, so integrators can evaluate at stage values.</summary>
internal sealed class StateNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _slot;

    public StateNode(int slot) => _slot = slot;

    public override ReadOnlySpan<T> Eval(Frame<T> frame) => frame.States[_slot].AsSpan(frame.Start, frame.Length);
}

/// <summary>A neuron's array read for each synapse of the block through an index (pre or post of every synapse).</summary>
internal sealed class GatherNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly int[] _index;

    public GatherNode(T[] values, int[] index)
    {
        _values = values;
        _index = index;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = _values[_index[frame.Start + i]];
        }
        return span;
    }
}

/// <summary>For each synapse of the block, its pre or post neuron's index (in its population) as a value.</summary>
internal sealed class IndexGatherNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int[] _index;

    public IndexGatherNode(int[] index) => _index = index;

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = T.CreateTruncating(_index[frame.Start + i]);
        }
        return span;
    }
}

/// <summary>In an event handler (a block of one synapse): a neuron's value at the frame's pre or post neuron.</summary>
internal sealed class EventNeuronNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly bool _post;

    public EventNeuronNode(T[] values, bool post)
    {
        _values = values;
        _post = post;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        Scratch[0] = _values[_post ? frame.Post : frame.Pre];
        return Scratch.AsSpan(0, 1);
    }
}

/// <summary>An element's own index plus an offset (the neuron index in its population).</summary>
internal sealed class IndexNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _offset;

    public IndexNode(int offset) => _offset = offset;

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = T.CreateTruncating(frame.Start + i + _offset);
        }
        return span;
    }
}

/// <summary>In an event handler, the pre or post neuron's index.</summary>
internal sealed class EventIndexNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool _post;

    public EventIndexNode(bool post) => _post = post;

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        Scratch[0] = T.CreateTruncating(_post ? frame.Post : frame.Pre);
        return Scratch.AsSpan(0, 1);
    }
}

internal sealed class TimeNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        span.Fill(frame.Time);
        return span;
    }
}

/// <summary>rand() or randn(): keyed by (seed, stream, element index, step), whatever the block layout.</summary>
internal sealed class RandomNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ulong _seed;
    private readonly uint _stream;
    private readonly bool _normal;

    public RandomNode(ulong seed, uint stream, bool normal)
    {
        _seed = seed;
        _stream = stream;
        _normal = normal;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        ulong step = (ulong)frame.Step;
        for (int i = 0; i < span.Length; i++)
        {
            uint element = (uint)(frame.Start + i);
            span[i] = _normal ? Num<T>.Normal(_seed, _stream, element, step) : Num<T>.Uniform(_seed, _stream, element, step);
        }
        return span;
    }
}

/// <summary>One value shared by every element (a model-level state), read from its array each time.</summary>
internal sealed class SharedElementNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly int _index;

    public SharedElementNode(T[] values, int index)
    {
        _values = values;
        _index = index;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var span = Scratch.AsSpan(0, frame.Length);
        span.Fill(_values[_index]);
        return span;
    }
}
