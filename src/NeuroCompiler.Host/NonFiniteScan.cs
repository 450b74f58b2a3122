using System.Numerics;
using System.Runtime.InteropServices;

namespace NeuroCompiler.Host;

/// <summary>
/// Finds values that are not finite (NaN, +Inf, -Inf) in a set of parallel arrays, one per variable
/// (a population's states, a projection's synapse variables): the lowest element with one, then the
/// first variable of that element. This is the canonical order every backend reports in
/// (docs/semantics.md); the kernels only tell the host that a share may hold one, the host calls this.
/// </summary>
public static class NonFiniteScan
{
    /// <summary>The lowest element in [start, end) whose value in any array is not finite, or -1. Null arrays are skipped.</summary>
    public static int First<T>(T[]?[] arrays, int start, int end) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int found = -1;
        foreach (var array in arrays)
        {
            if (array is null)
            {
                continue;
            }
            // Elements past one found already cannot be the lowest.
            int stop = found < 0 ? Math.Min(end, array.Length) : found;
            int at = FirstIn(array.AsSpan(0, Math.Max(start, stop)), start);
            if (at >= 0)
            {
                found = at;
            }
        }
        return found;
    }

    /// <summary>The first array (by index) whose value at <paramref name="element"/> is not finite, or -1.</summary>
    public static int Variable<T>(T[]?[] arrays, int element) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int v = 0; v < arrays.Length; v++)
        {
            if (arrays[v] is { } array && element < array.Length && !T.IsFinite(array[element]))
            {
                return v;
            }
        }
        return -1;
    }

    /// <summary>The first index ≥ <paramref name="start"/> of a value that is not finite, or -1 (x − x is 0 exactly when x is finite).</summary>
    private static int FirstIn<T>(ReadOnlySpan<T> values, int start) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = start;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            ref T origin = ref MemoryMarshal.GetReference(values);
            for (; i + Vector<T>.Count <= values.Length; i += Vector<T>.Count)
            {
                var x = System.Numerics.Vector.LoadUnsafe(ref origin, (nuint)i);
                if (x - x != Vector<T>.Zero)
                {
                    break; // the element is found below, lane by lane
                }
            }
        }
        for (; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
