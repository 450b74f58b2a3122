using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace NeuroCompiler.Host.Recording;

/// <summary>
/// The samples of one recording: a row of values per sampled step. The table for every step the run
/// will sample is allocated up front and each row when it is taken, so a recording holds exactly what
/// <c>MemoryEstimate</c> counts for it (no list doubling, no copy when the run ends).
/// </summary>
internal sealed class SampleTable
{
    private readonly long[] _steps;
    private readonly ImmutableArray<double>[] _rows;
    private int _count;

    public SampleTable(long steps, int interval)
    {
        int samples = checked((int)((steps + interval - 1) / interval));
        _steps = new long[samples];
        _rows = new ImmutableArray<double>[samples];
    }

    /// <summary>A new row for <paramref name="step"/>, <paramref name="width"/> values long, for the caller to fill.</summary>
    public Span<double> Add(long step, int width)
    {
        var row = new double[width];
        _rows[_count] = ImmutableCollectionsMarshal.AsImmutableArray(row);
        _steps[_count++] = step;
        return row;
    }

    /// <summary>Drops the rows of <paramref name="step"/> and later (a run that stopped there).</summary>
    public void Truncate(long step)
    {
        while (_count > 0 && _steps[_count - 1] >= step)
        {
            _rows[--_count] = default;
        }
    }

    /// <summary>The steps sampled so far (all of them once the run is over).</summary>
    public ImmutableArray<long> Steps => _count == _steps.Length
        ? ImmutableCollectionsMarshal.AsImmutableArray(_steps)
        : ImmutableArray.Create(_steps, 0, _count);

    public ImmutableArray<ImmutableArray<double>> Rows => _count == _rows.Length
        ? ImmutableCollectionsMarshal.AsImmutableArray(_rows)
        : ImmutableArray.Create(_rows, 0, _count);
}
