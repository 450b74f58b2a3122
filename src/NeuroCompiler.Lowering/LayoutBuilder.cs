using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

/// <summary>
/// Neuron positions from a layout. A grid fills x fastest, then y, then z: neuron i sits at
/// ((i mod nx), (i div nx) mod ny, i div (nx ny)) times the spacing. Random positions are uniform
/// in the box, from the seed (stream "POP/layout:x" etc.), so they are the same on every run.
/// </summary>
internal static class LayoutBuilder
{
    public static Positions Build(BoundLayout layout, int size, string population, ulong seed)
    {
        var x = new double[size];
        var y = new double[size];
        var z = new double[size];
        if (layout.Kind == LayoutKind.Grid)
        {
            int nx = layout.Shape[0];
            int ny = layout.Shape.Length > 1 ? layout.Shape[1] : 1;
            for (int i = 0; i < size; i++)
            {
                x[i] = i % nx * layout.Spacing;
                y[i] = i / nx % ny * layout.Spacing;
                z[i] = i / (nx * ny) * layout.Spacing;
            }
        }
        else
        {
            var axes = new[] { x, y, z };
            for (int a = 0; a < layout.Extent.Length; a++)
            {
                uint stream = CounterRng.StreamId($"{population}/layout:{"xyz"[a]}");
                for (int i = 0; i < size; i++)
                {
                    axes[a][i] = layout.Extent[a] * CounterRng.UniformDouble(seed, stream, (uint)i, 0);
                }
            }
        }
        return new Positions(ImmutableArray.Create(x), ImmutableArray.Create(y), ImmutableArray.Create(z));
    }
}
