using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>
/// Element-wise loops over spans with SIMD where the machine has it. Each lane does exactly the
/// scalar operation (a multiply, then an add, each rounded; never fused), so the results are the
/// same as the plain loop's.
/// </summary>
internal static class Spans<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>target[i] = target[i] + factor * x[i].</summary>
    public static void AddScaled(Span<T> target, T factor, ReadOnlySpan<T> x)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && target.Length >= Vector<T>.Count)
        {
            var f = new Vector<T>(factor);
            var targetVectors = MemoryMarshal.Cast<T, Vector<T>>(target);
            var xVectors = MemoryMarshal.Cast<T, Vector<T>>(x);
            for (int v = 0; v < targetVectors.Length; v++)
            {
                targetVectors[v] = targetVectors[v] + f * xVectors[v];
            }
            i = targetVectors.Length * Vector<T>.Count;
        }
        for (; i < target.Length; i++)
        {
            target[i] = target[i] + factor * x[i];
        }
    }

    /// <summary>target[i] = target[i] + value.</summary>
    public static void Add(Span<T> target, T value)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && target.Length >= Vector<T>.Count)
        {
            var v = new Vector<T>(value);
            var targetVectors = MemoryMarshal.Cast<T, Vector<T>>(target);
            for (int k = 0; k < targetVectors.Length; k++)
            {
                targetVectors[k] = targetVectors[k] + v;
            }
            i = targetVectors.Length * Vector<T>.Count;
        }
        for (; i < target.Length; i++)
        {
            target[i] = target[i] + value;
        }
    }
}
