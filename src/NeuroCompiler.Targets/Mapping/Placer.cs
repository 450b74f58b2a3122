using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>What the placement of cores on the mesh minimises.</summary>
public enum PlacementObjective
{
    /// <summary>Cores in order, row by row: the fewest cores, no search (the default).</summary>
    Cores,
    /// <summary>The same cores, placed to carry the least spike traffic: Σ spikes per second × mesh hops (the energy of hops with it).</summary>
    Traffic,
}

/// <summary>
/// Places cores on the mesh for the traffic objective: it starts from the cores in order and swaps pairs of places
/// (the used ones and the free ones of the first chip's mesh) while a swap lowers Σ over routes of spikes per second ×
/// hops, pass after pass, in a fixed order, until a pass finds nothing or after <see cref="MaxPasses"/>. Deterministic.
/// Above <see cref="MaxSearch"/> places the search is skipped (its cost grows with their square).
/// </summary>
public static class Placer
{
    public const int MaxPasses = 20;
    public const int MaxSearch = 1024;

    /// <param name="traffic">Spikes per second from core a to core b, for each route.</param>
    /// <returns>For each core, its place index (row-major over chips), and what the search did.</returns>
    public static (int[] Place, string Step) Place(int cores, ChipLayout chip, IReadOnlyList<(int From, int To, double Rate)> traffic)
    {
        var place = Enumerable.Range(0, cores).ToArray();
        int places = Math.Min(chip.Chips * chip.CoresPerChip, Math.Max(cores, chip.CoresPerChip));
        double before = Cost(place, chip, traffic);
        if (places > MaxSearch)
        {
            return (place, $"placement search skipped: {places:N0} places (more than {MaxSearch:N0}); {before:G3} spike hops per second");
        }
        var edges = Enumerable.Range(0, cores).Select(_ => new List<(int Other, double Rate)>()).ToArray();
        foreach (var (from, to, rate) in traffic.Where(t => t.From != t.To))
        {
            edges[from].Add((to, rate));
            edges[to].Add((from, rate));
        }
        var occupant = Enumerable.Repeat(-1, places).ToArray();
        for (int c = 0; c < cores; c++)
        {
            occupant[c] = c;
        }
        int passes = 0;
        for (bool improved = true; improved && passes < MaxPasses; passes++)
        {
            improved = false;
            for (int a = 0; a < cores; a++)
            {
                for (int p = 0; p < places; p++)
                {
                    int b = occupant[p];
                    if (b == a || edges[a].Count == 0 && (b < 0 || edges[b].Count == 0))
                    {
                        continue;
                    }
                    int from = place[a];
                    double delta = Moved(a, from, p, b, place, edges, chip) + (b >= 0 ? Moved(b, p, from, a, place, edges, chip) : 0);
                    if (delta < -1e-9)
                    {
                        place[a] = p;
                        occupant[p] = a;
                        occupant[from] = b;
                        if (b >= 0)
                        {
                            place[b] = from;
                        }
                        improved = true;
                    }
                }
            }
        }
        double after = Cost(place, chip, traffic);
        return (place, string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "placement searched for traffic ({0} pass(es) of swaps): {1:G3} → {2:G3} spike hops per second", passes, before, after));
    }

    /// <summary>How <paramref name="core"/>'s routes change in cost when it moves from <paramref name="from"/> to <paramref name="to"/>; its routes to <paramref name="partner"/> (which swaps with it) keep their length.</summary>
    private static double Moved(int core, int from, int to, int partner, int[] place, List<(int Other, double Rate)>[] edges, ChipLayout chip)
    {
        double delta = 0;
        foreach (var (other, rate) in edges[core])
        {
            if (other != partner)
            {
                delta += rate * (Hops(to, place[other], chip) - Hops(from, place[other], chip));
            }
        }
        return delta;
    }

    public static double Cost(int[] place, ChipLayout chip, IReadOnlyList<(int From, int To, double Rate)> traffic) =>
        traffic.Sum(t => t.Rate * Hops(place[t.From], place[t.To], chip));

    /// <summary>Hops between two places (row-major within a chip, chips side by side along x).</summary>
    public static int Hops(int a, int b, ChipLayout chip)
    {
        var (ax, ay) = Position(a, chip);
        var (bx, by) = Position(b, chip);
        return Math.Abs(ax - bx) + Math.Abs(ay - by);
    }

    public static (int X, int Y) Position(int place, ChipLayout chip) =>
        (place / chip.CoresPerChip * chip.MeshX + place % chip.CoresPerChip % chip.MeshX, place % chip.CoresPerChip / chip.MeshX);
}
