using NeuroCompiler.Runtime;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// The conductances a programmed tile has at a time after programming. Each used cell, in its tile's
/// row-major order (index row · columns + column, the tile number as the counter's step), draws from the
/// counter-based generator keyed by the seed:
/// <list type="number">
/// <item>a stuck-at fault: with probability p_min it is stuck at g_min, with p_max at g_max;</item>
/// <item>programming noise: G0 = max(0, G + σ·z), σ² = σ_abs² + (σ_rel·G)², G the level's conductance;</item>
/// <item>drift: ν = max(0, mean(G0) + sd(G0)·z'), the mean and spread interpolated linearly in G between the
/// target's points (constant beyond them); G(t) = G0 (t / t0)^−ν once t &gt; t0.</item>
/// </list>
/// Stuck cells do not drift. The same seed gives the same conductances.
/// </summary>
public static class ProgrammedArray
{
    private static readonly uint StuckStream = CounterRng.StreamId("crossbar.stuck_at");
    private static readonly uint ProgramStream = CounterRng.StreamId("crossbar.programming");
    private static readonly uint DriftStream = CounterRng.StreamId("crossbar.drift");

    /// <summary>One cell's conductance <paramref name="time"/> seconds after programming.</summary>
    public static double Conductance(MemristorDevice device, double target, ulong seed, int tile, int row, int column, int columns, double time) =>
        Stuck(device, seed, tile, row, column, columns) ?? Programmed(device, target, seed, tile, row, column, columns, time);

    /// <summary>The conductance a cell is stuck at, or null if it is not stuck.</summary>
    public static double? Stuck(MemristorDevice device, ulong seed, int tile, int row, int column, int columns)
    {
        double u = CounterRng.UniformDouble(seed, StuckStream, (uint)(row * columns + column), (ulong)tile);
        return u < device.StuckAtGMin ? device.GMin : u < device.StuckAtGMin + device.StuckAtGMax ? device.GMax : null;
    }

    /// <summary>A cell that is not stuck: programmed to <paramref name="target"/> with noise, then drifted.</summary>
    public static double Programmed(MemristorDevice device, double target, ulong seed, int tile, int row, int column, int columns, double time)
    {
        uint index = (uint)(row * columns + column);
        double sigma = Math.Sqrt(device.ProgrammingSigma * device.ProgrammingSigma + Math.Pow(device.ProgrammingRelativeSigma * target, 2));
        double g0 = Math.Max(0, target + sigma * CounterRng.NormalDouble(seed, ProgramStream, index, (ulong)tile));
        if (device.Drift is not { } drift || time <= drift.T0)
        {
            return g0;
        }
        var (mean, sd) = Nu(drift, g0);
        double nu = Math.Max(0, mean + sd * CounterRng.NormalDouble(seed, DriftStream, index, (ulong)tile));
        return g0 * Math.Pow(time / drift.T0, -nu);
    }

    /// <summary>The drift exponent's mean and spread at conductance <paramref name="g"/>.</summary>
    public static (double Mean, double Sd) Nu(ConductanceDrift drift, double g)
    {
        var points = drift.Nu;
        if (g <= points[0].Conductance)
        {
            return (points[0].NuMean, points[0].NuSd);
        }
        for (int i = 1; i < points.Length; i++)
        {
            if (g <= points[i].Conductance)
            {
                double f = (g - points[i - 1].Conductance) / (points[i].Conductance - points[i - 1].Conductance);
                return (points[i - 1].NuMean + f * (points[i].NuMean - points[i - 1].NuMean), points[i - 1].NuSd + f * (points[i].NuSd - points[i - 1].NuSd));
            }
        }
        return (points[^1].NuMean, points[^1].NuSd);
    }

    /// <summary>
    /// The factor by which drift-aware periphery multiplies a group's gain at <paramref name="time"/>: the group's
    /// programmed conductance over what the target's mean drift leaves of it (1 before t0 or without drift).
    /// </summary>
    public static double Compensation(MemristorDevice device, CellEncoding encoding, IEnumerable<CrossbarTile> tiles, double time)
    {
        if (device.Drift is not { } drift || time <= drift.T0)
        {
            return 1;
        }
        double programmed = 0, drifted = 0;
        foreach (var cell in tiles.SelectMany(t => t.Cells))
        {
            double g = encoding.Conductance(cell.Level);
            programmed += g;
            drifted += g * Math.Pow(time / drift.T0, -Nu(drift, g).Mean);
        }
        return drifted > 0 ? programmed / drifted : 1;
    }
}
