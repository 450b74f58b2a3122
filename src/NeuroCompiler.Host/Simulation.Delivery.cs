using System.Numerics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

// Spike delivery: presynaptic spikes of step n - d reach the synapses of delay d (on_pre handlers).
internal sealed partial class Simulation<T>
{
    /// <summary>Synaptic input at step n to the projection's targets in [lo, hi) (indices in the target population).</summary>
    private void Deliver(ProjectionRuntime<T> projection, long n, T time, int lo, int hi, int worker)
    {
        if (projection.OnPre.Length == 0 || lo >= hi)
        {
            return;
        }
        bool whole = lo <= projection.Projection.Target.Start && hi >= projection.Projection.Target.End;
        long events = 0; // counted here and added once: workers' counters share a cache line
        var connectivity = projection.Synapses;
        var rowStart = projection.RowStart;
        var source = _populations[projection.Projection.Source.Population];
        var range = projection.Projection.Source;
        var frame = projection.Frame;
        frame.Step = n;
        frame.Time = time;
        for (int d = connectivity.MaxDelay; d >= connectivity.MinDelay; d--)
        {
            var spikes = source.History!.At(n - d);
            int[]? cursors = spikes.Length == 0 ? null : Cursors(projection, source.History, n - d, d, spikes.Length, worker);
            for (int s = 0; s < spikes.Length; s++)
            {
                int neuron = spikes[s];
                if (!range.Contains(neuron))
                {
                    continue;
                }
                int row = neuron - range.Start;
                int first = rowStart[row];
                int end = rowStart[row + 1];
                if (cursors is not null)
                {
                    // The row's synapses of delay d start where those of d - 1 ended (or at the row's start).
                    first = d == connectivity.MinDelay ? first : cursors[s];
                    end = RunEnd(connectivity.DelayOffsets!, first, end, d - connectivity.MinDelay);
                    cursors[s] = end;
                }
                if (!whole)
                {
                    (first, end) = Segment(connectivity.Targets, first, end, lo, hi);
                }
                if (!projection.Fast && projection.Compiled?.Pre is { } compiled)
                {
                    events += compiled(first, end, neuron, n - d, n, time);
                    continue;
                }
                if (projection.Structure is { } structure)
                {
                    for (int k = first; k < end; k++)
                    {
                        if (structure.Delivers(k, n - d))
                        {
                            frame.Start = k;
                            frame.Pre = neuron;
                            frame.Post = connectivity.Targets[k];
                            RunHandler(projection, projection.OnPre, frame, n);
                            events++;
                        }
                    }
                    continue;
                }
                if (projection.FastHandler is { } fast)
                {
                    fast.Deliver(connectivity.Targets, first, end);
                }
                else
                {
                    for (int k = first; k < end; k++)
                    {
                        frame.Start = k;
                        frame.Pre = neuron;
                        frame.Post = connectivity.Targets[k];
                        RunHandler(projection, projection.OnPre, frame, n);
                    }
                }
                events += end - first;
            }
        }
        _events[worker * EventStride] += events;
    }

    /// <summary>This worker's delay cursors for the spikes of <paramref name="spikeStep"/>, grown when a new step's spikes first arrive; null without per-synapse delays.</summary>
    private static int[]? Cursors(ProjectionRuntime<T> projection, SpikeHistory history, long spikeStep, int d, int count, int worker)
    {
        if (projection.DelayCursors is not { } all)
        {
            return null;
        }
        var slots = all[worker];
        int slot = history.Slot(spikeStep);
        if (d == projection.Synapses.MinDelay && slots[slot].Length < count)
        {
            slots[slot] = new int[Math.Max(count, 2 * slots[slot].Length)];
        }
        return slots[slot];
    }

    /// <summary>The end of the run of <paramref name="value"/> starting at <paramref name="first"/> (values sorted, none before it smaller).</summary>
    private static int RunEnd(IndexColumn column, int first, int end, int value) => column.Width switch
    {
        IndexWidth.Byte => RunEnd(column.Span<byte>(), first, end, value),
        IndexWidth.UInt16 => RunEnd(column.Span<ushort>(), first, end, value),
        _ => RunEnd(column.Span<int>(), first, end, value),
    };

    private static int RunEnd<TIndex>(ReadOnlySpan<TIndex> values, int first, int end, int value)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        int k = first;
        while (k < end && int.CreateTruncating(values[k]) == value)
        {
            k++;
        }
        return k;
    }

    /// <summary>Workers' event counters sit this many longs apart, a cache line each.</summary>
    private const int EventStride = 8;

    /// <summary>Within a run of synapses sorted by <paramref name="column"/>, those whose value is in [lo, hi).</summary>
    private static (int, int) Segment(IndexColumn column, int first, int end, int lo, int hi) => column.Width switch
    {
        IndexWidth.Byte => Segment(column.Span<byte>(), first, end, lo, hi),
        IndexWidth.UInt16 => Segment(column.Span<ushort>(), first, end, lo, hi),
        _ => Segment(column.Span<int>(), first, end, lo, hi),
    };

    private static (int, int) Segment<TIndex>(ReadOnlySpan<TIndex> values, int first, int end, int lo, int hi)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        int a = first, b = end;
        while (a < b)
        {
            int mid = (a + b) >>> 1;
            if (int.CreateTruncating(values[mid]) < lo) a = mid + 1; else b = mid;
        }
        int start = a;
        b = end;
        while (a < b)
        {
            int mid = (a + b) >>> 1;
            if (int.CreateTruncating(values[mid]) < hi) a = mid + 1; else b = mid;
        }
        return (start, a);
    }
}
