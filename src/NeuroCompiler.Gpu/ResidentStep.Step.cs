using ILGPU;
using ILGPU.Runtime;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>The step itself: the kernels in the reference order, and the copies the host asks for.</summary>
public sealed partial class ResidentStep<T>
{
    public void Pull()
    {
        foreach (var state in _states)
        {
            state.DownloadAll();
        }
    }

    public void Push()
    {
        foreach (var array in _states.Concat(_inputs).Concat(_perStep))
        {
            array.UploadAll();
        }
        foreach (var population in _populations)
        {
            population.Silence.UploadAll();
        }
        foreach (var (input, buffers) in _poisson)
        {
            buffers.Refresh(Device, Model.Poisson[input].Table());
        }
    }

    public void Update(long step, T time)
    {
        _countsFetched = false;
        foreach (var array in _perStep)
        {
            array.UploadAll();
        }
        for (int p = 0; p < _populations.Length; p++)
        {
            var population = _populations[p];
            if (population.Update is not { } update)
            {
                continue;
            }
            if (population.HasRefractoriness)
            {
                _refractory(population.Size, new ResidentKernels.RefractoryArgs
                {
                    Last = population.LastSpike.View,
                    Refractory = population.Refractory,
                    Periods = population.Periods.View,
                    Period = population.Model.RefractorySteps,
                    PerNeuron = population.Model.RefractoryStepsPerNeuron is null ? 0 : 1,
                    Step = step,
                });
            }
            update(step, time);
            if (population.Fires)
            {
                var args = population.ListArgs(p, step, _stepCounts);
                _count(args.Chunks, args);
                _scan(1, args);
                _write(args.Chunks, args);
            }
        }
    }

    public int NonFinite()
    {
        if (_populations.Length == 0)
        {
            return -1;
        }
        _nonFinite.CopyToCPU(_hostNonFinite.AsSpan(0, _populations.Length));
        int first = Array.FindIndex(_hostNonFinite, flag => flag != 0);
        if (first >= 0)
        {
            _nonFinite.MemSetToZero();
        }
        return first;
    }

    public int Spikes(int population, int[] into)
    {
        if (!_countsFetched)
        {
            _stepCounts.CopyToCPU(_hostStepCounts);
            _countsFetched = true;
        }
        var buffers = _populations[population];
        int count = buffers.Fires ? _hostStepCounts[population] : 0;
        buffers.Counts[buffers.Slot] = count;
        if (count > 0)
        {
            buffers.History.SubView((long)buffers.Slot * buffers.Size, count).CopyToCPU(new Span<int>(into, 0, count));
        }
        return count;
    }

    public void Store(int population, long step, ReadOnlySpan<int> spikes)
    {
        var buffers = _populations[population];
        int slot = (int)(step % buffers.Depth);
        buffers.Slot = slot;
        if (spikes.Length == 0 && buffers.Counts[slot] == 0)
        {
            return; // the device's count there is 0 already
        }
        buffers.Counts[slot] = spikes.Length;
        if (spikes.Length > 0)
        {
            buffers.History.SubView((long)slot * buffers.Size, spikes.Length).CopyFromCPU(spikes);
        }
        buffers.HistoryCounts.SubView(slot, 1).CopyFromCPU(new[] { spikes.Length });
    }

    public void Deliver(long step, T time)
    {
        foreach (var delivery in _deliveries)
        {
            var source = _populations[delivery.Source];
            int most = 0;
            for (int d = delivery.MinDelay; d <= delivery.MaxDelay && d <= step; d++)
            {
                most = Math.Max(most, source.Counts[(int)((step - d) % source.Depth)]);
            }
            if (most == 0)
            {
                continue;
            }
            delivery.Scatter((delivery.MaxDelay - delivery.MinDelay + 1) * most, step, most);
            delivery.Gather(step, time);
        }
        foreach (var (input, buffers) in _poisson)
        {
            if (buffers.Table.Kind != BinomialKind.AlwaysZero)
            {
                buffers.Launch(step, DeviceBinomial.From(buffers.Table, buffers.Cdf, buffers.Length));
            }
        }
        foreach (var population in _populations)
        {
            int count = population.Counts[population.Slot];
            if (population.Reset is { } reset && count > 0)
            {
                reset(count, population.History.SubView((long)population.Slot * population.Size, count), step, time);
            }
        }
    }

    public long Events
    {
        get
        {
            var events = new long[1];
            _events.CopyToCPU(events);
            return events[0];
        }
    }

    public void Dispose()
    {
        // The session owns every buffer.
    }
}
