using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// How a column group stores weights in cells. Each weight takes <see cref="Slices"/> slices (a bit-sliced weight's cells_per_weight / 2); a slice is a
/// differential pair (G+, G−) or, with an offset encoding, one cell read against a reference column
/// at the middle level. Slice i counts L^i (L levels per cell; bit-sliced weights only). A cell at
/// level k has conductance <see cref="GBase"/> + k·<see cref="LevelStep"/>. The weight one unit of
/// Σ_i L^i (G_a − G_b)_i stands for is <see cref="WeightPerSiemens"/>.
/// </summary>
public sealed record CellEncoding(WeightScheme Scheme, int Levels, int Slices, double GBase, double GMax, double Largest)
{
    public double LevelStep => (GMax - GBase) / (Levels - 1);

    /// <summary>The level every unused cell and every reference cell is programmed to: 0 for pairs, the middle for offsets.</summary>
    public int BaseLevel => Scheme == WeightScheme.Offset ? (Levels - 1) / 2 : 0;

    /// <summary>Cells of one slice: 2 for a pair, 1 against the reference.</summary>
    public int CellsPerSlice => Scheme == WeightScheme.Offset ? 1 : 2;

    public int ColumnsPerWeight => Slices * CellsPerSlice;

    /// <summary>The largest magnitude in level steps: L^slices − 1 for pairs, the levels below the middle for offsets (so ± both fit).</summary>
    public long TopMagnitude => Scheme == WeightScheme.Offset ? BaseLevel : (long)Math.Pow(Levels, Slices) - 1;

    /// <summary>The weight (the model's unit) that one siemens of Σ_i L^i (G_a − G_b)_i stands for.</summary>
    public double WeightPerSiemens => Largest > 0 ? Largest / (TopMagnitude * LevelStep) : 0;

    public double Conductance(int level) => GBase + level * LevelStep;

    /// <summary>
    /// A weight's cell levels, slice by slice and cell by cell (a pair: [G+, G−]; an offset: [G]), and the
    /// weight they realise. Magnitudes round to the nearest step and clip at the top; in a pair the sign picks the cell.
    /// </summary>
    public (int[] Levels, double Realised, bool Clipped) Encode(double weight)
    {
        double steps = Largest > 0 ? weight / Largest * TopMagnitude : 0;
        long magnitude = (long)Math.Round(Math.Abs(steps), MidpointRounding.ToEven);
        bool clipped = magnitude > TopMagnitude;
        magnitude = Math.Min(magnitude, TopMagnitude);
        int sign = steps < 0 ? -1 : 1;
        var levels = new int[ColumnsPerWeight];
        if (Scheme == WeightScheme.Offset)
        {
            levels[0] = (int)(BaseLevel + sign * magnitude);
            return (levels, sign * magnitude * Largest / TopMagnitude, clipped);
        }
        long rest = magnitude;
        for (int i = 0; i < Slices; i++)
        {
            int digit = (int)(rest % Levels);
            rest /= Levels;
            levels[2 * i + (sign < 0 ? 1 : 0)] = digit;
        }
        return (levels, sign * magnitude * Largest / TopMagnitude, clipped);
    }

    /// <summary>For a target's encoding: the base conductance (raised to <paramref name="floor"/> by drift-aware mapping) and the group's largest |weight|.</summary>
    public static CellEncoding For(CrossbarHardware hardware, double floor, double largest)
    {
        var e = hardware.Encoding;
        int slices = e.Scheme == WeightScheme.BitSliced ? e.CellsPerWeight / 2 : 1;
        return new CellEncoding(e.Scheme, e.LevelsPerCell, slices, floor, hardware.Device.GMax, largest);
    }
}
