using System.Numerics;
using NeuroCompiler.Interpreter.Vector;

namespace NeuroCompiler.Interpreter.Integrators;

/// <summary>
/// The states an integrator advances: one array per state slot, the frame expressions read them
/// through, and which elements are refractory this step (their clamped states stand still).
/// </summary>
public sealed class StateGroup<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public StateGroup(int size, T[][] states, bool[] clamped)
    {
        Size = size;
        States = states;
        Clamped = clamped;
        Frame = new Frame<T>(states);
    }

    public int Size { get; }

    public T[][] States { get; }

    public Frame<T> Frame { get; }

    /// <summary>Per state slot: held while the element is refractory.</summary>
    public bool[] Clamped { get; }

    /// <summary>Per element, this step; null when the group has no refractoriness.</summary>
    public bool[]? Refractory { get; set; }

    public bool IsHeld(int slot, int element) => Clamped[slot] && Refractory is { } r && r[element];

    /// <summary>The group's blocks in order, with the frame set to each (its start, length, step and time) as it is reached.</summary>
    public IEnumerable<(int Start, int Length)> Blocks(long step, T time)
    {
        var frame = Frame;
        frame.Step = step;
        frame.Time = time;
        for (int start = 0; start < Size; start += Frame<T>.BlockSize)
        {
            frame.Start = start;
            frame.Length = Math.Min(Frame<T>.BlockSize, Size - start);
            yield return (start, frame.Length);
        }
    }
}

/// <summary>Advances a group's states by one step.</summary>
public abstract class Stepper<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public abstract void Step(StateGroup<T> group, long step, T time);
}
