using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Placing cores for the least traffic: never worse than in order, better where the order is bad, the same every time.</summary>
public class PlacerTests
{
    private static readonly ChipLayout Mesh = new(1, 16, 4, 4);

    [Fact]
    public void TwoCoresThatTalkEndUpNeighbours()
    {
        // Core 0 and core 5 exchange 100 spikes/s each way; in order they sit at (0,0) and (1,1): 2 hops, 400 hop·spikes/s (and 1 from 1 to 2).
        var traffic = new[] { (0, 5, 100.0), (5, 0, 100.0), (1, 2, 1.0) };
        Assert.Equal(401, Placer.Cost(Enumerable.Range(0, 6).ToArray(), Mesh, traffic));
        var (place, step) = Placer.Place(6, Mesh, traffic);
        Assert.Equal(1, Placer.Hops(place[0], place[5], Mesh));
        Assert.Equal(201, Placer.Cost(place, Mesh, traffic));
        Assert.Contains("401 → 201 spike hops per second", step);
        Assert.Equal(place, Placer.Place(6, Mesh, traffic).Place);
        Assert.Equal(6, place.Distinct().Count());
    }

    [Fact]
    public void ARingIsLaidOutWithNoLongerRoutesThanInOrder()
    {
        // Ten cores in a ring, each sending to the next: in order on a 4-wide mesh the wrap-arounds are long.
        var traffic = Enumerable.Range(0, 10).Select(i => (i, (i + 1) % 10, 10.0 + i)).ToArray();
        double before = Placer.Cost(Enumerable.Range(0, 10).ToArray(), Mesh, traffic);
        var (place, _) = Placer.Place(10, Mesh, traffic);
        double after = Placer.Cost(place, Mesh, traffic);
        Assert.True(after < before, $"{after} < {before}");
        // A ring of ten on a grid needs at least ten hops of one.
        Assert.InRange(after, traffic.Sum(t => t.Item3), before);
        Assert.All(place, p => Assert.InRange(p, 0, 15));
    }

    [Fact]
    public void ManyPlacesSkipTheSearchAndSaySo()
    {
        var big = new ChipLayout(1, 4096, 64, 64);
        var (place, step) = Placer.Place(2000, big, new[] { (0, 1999, 1.0) });
        Assert.Equal(Enumerable.Range(0, 2000), place);
        Assert.Contains("placement search skipped", step);
    }
}
