using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using NeuroCompiler.Interpreter;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>
/// A whole step on the device. The generated <c>BindResident</c> registers the model's kernels
/// (each population's update and reset, each projection's delivery, each Poisson input) and the
/// device copies of the host arrays; this class runs them in the reference order, keeps each
/// population's recent spike lists on the device for delayed delivery, and moves arrays between
/// host and device only when the host asks (<see cref="Pull"/>, <see cref="Push"/>) and for the
/// spike lists the host records.
/// </summary>
public sealed class ResidentStep<T> : IResidentStep<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly PopulationBuffers[] _populations;
    private readonly List<DeviceArray<T>> _states = new();
    private readonly List<DeviceArray<T>> _inputs = new();
    private readonly List<DeviceArray<T>> _perStep = new();
    private readonly List<Delivery> _deliveries = new();
    private readonly SortedDictionary<int, PoissonBuffers> _poisson = new();
    private readonly ArrayView<int> _stepCounts;
    private readonly int[] _hostStepCounts;
    private readonly ArrayView<long> _events;
    private readonly ArrayView<byte> _nonFinite;
    private readonly byte[] _hostNonFinite;
    private readonly Action<int, ResidentKernels.RefractoryArgs> _refractory;
    private readonly Action<int, ResidentKernels.ListArgs> _count;
    private readonly Action<int, ResidentKernels.ListArgs> _scan;
    private readonly Action<int, ResidentKernels.ListArgs> _write;
    private bool _countsFetched;

    public ResidentStep(DeviceSession device, ResidentModel<T> model, Network network)
    {
        Device = device;
        Model = model;
        Network = network;
        _populations = model.Populations.Select(p => new PopulationBuffers(device, p)).ToArray();
        _stepCounts = device.Allocate<int>(_populations.Length);
        _hostStepCounts = new int[_populations.Length];
        _events = device.Allocate<long>(1);
        _nonFinite = device.Allocate<byte>(_populations.Length);
        _hostNonFinite = new byte[Math.Max(1, _populations.Length)];
        _refractory = device.Kernel<ResidentKernels.RefractoryArgs>(ResidentKernels.Refractory);
        _count = device.Kernel<ResidentKernels.ListArgs>(ResidentKernels.CountChunk);
        _scan = device.Kernel<ResidentKernels.ListArgs>(ResidentKernels.ScanChunks);
        _write = device.Kernel<ResidentKernels.ListArgs>(ResidentKernels.WriteChunk);
    }

    public DeviceSession Device { get; }

    public ResidentModel<T> Model { get; }

    public Network Network { get; }

    // ---- what the generated BindResident uses ----

    /// <summary>A state the kernels write: shared between them, pulled back when the host reads states.</summary>
    public ArrayView<T> State(T[] host) => Register(host, _states);

    /// <summary>An array the kernels only read (per-neuron parameters): sent up when the host changes it.</summary>
    public ArrayView<T> Input(T[] host) => Register(host, _inputs);

    /// <summary>A one-element array the host may change at any step (a model-level signal, a global, a shared parameter): sent up every step.</summary>
    public ArrayView<T> PerStep(T[] host) => Register(host, _perStep);

    /// <summary>Data that never changes (positions, connectivity): sent up once.</summary>
    public ArrayView<TElement> Constant<TElement>(TElement[] host) where TElement : unmanaged
    {
        var array = Device.Shared(host);
        array.UploadAll();
        return array.View;
    }

    /// <summary>Who fired this step (the population kernel writes it).</summary>
    public ArrayView<byte> Fired(int population) => _populations[population].Fired;

    /// <summary>The flag a population's kernel sets when it leaves a state that is not finite.</summary>
    public ArrayView<byte> NonFiniteFlag(int population) => _nonFinite.SubView(population, 1);

    /// <summary>Who is refractory this step.</summary>
    public ArrayView<byte> RefractoryFlags(int population) => _populations[population].Refractory;

    /// <summary>The spike lists of the last steps, <see cref="Depth"/> slots of the population's size.</summary>
    public ArrayView<int> History(int population) => _populations[population].History;

    public ArrayView<int> HistoryCounts(int population) => _populations[population].HistoryCounts;

    public int Depth(int population) => _populations[population].Depth;

    public ArrayView<long> LastSpike(int population) => _populations[population].LastSpike.View;

    /// <summary>The synaptic events counter every delivery adds to.</summary>
    public ArrayView<long> EventCounter => _events;

    public void OnUpdate(int population, bool fires, Action<long, T> launch)
    {
        _populations[population].Update = launch;
        _populations[population].Fires = fires;
    }

    /// <summary>The reset kernel: (spike count, spike list, step, time).</summary>
    public void OnReset(int population, Action<int, ArrayView<int>, long, T> launch) => _populations[population].Reset = launch;

    /// <summary>
    /// A projection's delivery: scatter(threads, step, most spikes in one delay's slot) queues the
    /// events per target, gather(step, time) sorts each target's events into the reference order and applies them.
    /// Registered in projection order, which is the order they run in (the reference's).
    /// </summary>
    public void OnDelivery(int source, int minDelay, int maxDelay, Action<int, long, int> scatter, Action<long, T> gather) =>
        _deliveries.Add(new Delivery(source, minDelay, maxDelay, scatter, gather));

    /// <summary>A Poisson input's kernel: (step, its binomial table).</summary>
    public void OnPoisson(int input, Action<long, DeviceBinomial> launch) =>
        _poisson[input] = new PoissonBuffers(launch);

    /// <summary>An index column in the type the generated kernel reads it as (the connectivity pass's choice for the target range).</summary>
    public static ReadOnlySpan<TIndex> Column<TIndex>(IndexColumn column) where TIndex : unmanaged
    {
        int expected = typeof(TIndex) == typeof(byte) ? 1 : typeof(TIndex) == typeof(ushort) ? 2 : 4;
        if (column.BytesPerElement != expected)
        {
            throw new InvalidOperationException($"targets are stored in {column.BytesPerElement} bytes, the kernel reads {expected}");
        }
        return column.Span<TIndex>();
    }

    /// <summary>Each synapse's delay offset (from the projection's shortest delay) as a 16-bit number, as the scatter kernels read it; none when all delays are equal.</summary>
    public static ushort[] DelayOffsets(Connectivity synapses)
    {
        if (synapses.DelayOffsets is not { } offsets)
        {
            return Array.Empty<ushort>();
        }
        if (synapses.MaxDelay - synapses.MinDelay > ushort.MaxValue)
        {
            throw new InvalidOperationException($"delays span {synapses.MaxDelay - synapses.MinDelay} steps; the device step handles up to {ushort.MaxValue}");
        }
        var result = new ushort[offsets.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = (ushort)offsets[k];
        }
        return result;
    }

    /// <summary>For each neuron of the target population, where its incoming synapses' slots start in the event queue (ends with the total).</summary>
    public static int[] SlotStarts(IndexColumn targets, int targetSize)
    {
        var starts = new int[targetSize + 1];
        for (int k = 0; k < targets.Length; k++)
        {
            starts[targets[k] + 1]++;
        }
        for (int j = 0; j < targetSize; j++)
        {
            starts[j + 1] += starts[j];
        }
        return starts;
    }

    /// <summary>Data that never changes, sent up once and not kept on the host (connectivity).</summary>
    public ArrayView<TElement> Upload<TElement>(ReadOnlySpan<TElement> data) where TElement : unmanaged
    {
        var view = Device.Allocate<TElement>(data.Length);
        if (data.Length > 0)
        {
            view.SubView(0, data.Length).CopyFromCPU(data);
        }
        return view;
    }

    /// <summary>A device buffer of the session (zeroed), for a kernel's own queues.</summary>
    public ArrayView<TElement> Scratch<TElement>(long length) where TElement : unmanaged => Device.Allocate<TElement>(length);

    /// <summary>Called by BindResident when everything is registered: sends the host's arrays up.</summary>
    public void Start()
    {
        Push();
        foreach (var population in _populations)
        {
            population.LastSpike.UploadAll();
        }
    }

    // ---- the step ----

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

    private ArrayView<T> Register(T[] host, List<DeviceArray<T>> list)
    {
        var array = Device.Shared(host);
        if (!_states.Contains(array) && !_inputs.Contains(array) && !_perStep.Contains(array))
        {
            list.Add(array);
        }
        else if (list == _states && !_states.Contains(array))
        {
            // Read by one kernel, written by another: a state after all.
            _inputs.Remove(array);
            _perStep.Remove(array);
            _states.Add(array);
        }
        return array.View;
    }

    private sealed record Delivery(int Source, int MinDelay, int MaxDelay, Action<int, long, int> Scatter, Action<long, T> Gather);

    /// <summary>A population's device buffers and the host's copy of its recent spike counts.</summary>
    private sealed class PopulationBuffers
    {
        public PopulationBuffers(DeviceSession device, ResidentPopulation<T> model)
        {
            Model = model;
            Size = model.Size;
            Depth = Math.Max(1, model.HistoryDepth);
            Counts = new int[Depth];
            Fired = device.Allocate<byte>(Size);
            Refractory = device.Allocate<byte>(Size);
            LastSpike = device.Shared(model.LastSpike);
            Silence = device.Shared(model.SilenceDepth);
            HasRefractoriness = model.RefractorySteps > 0 || model.RefractoryStepsPerNeuron is not null;
            Periods = device.Shared(model.RefractoryStepsPerNeuron ?? new int[1]);
            Periods.UploadAll();
            History = device.Allocate<int>((long)Depth * Size);
            HistoryCounts = device.Allocate<int>(Depth);
            Chunks = (Size + ResidentKernels.Chunk - 1) / ResidentKernels.Chunk;
            ChunkCounts = device.Allocate<int>(Chunks);
        }

        public ResidentPopulation<T> Model { get; }
        public int Size { get; }
        public int Depth { get; }
        public int Chunks { get; }

        /// <summary>The spike counts of the last <see cref="Depth"/> steps, by slot, as the host saw them.</summary>
        public int[] Counts { get; }

        /// <summary>This step's slot.</summary>
        public int Slot;
        public ArrayView<byte> Fired { get; }
        public ArrayView<byte> Refractory { get; }
        public DeviceArray<long> LastSpike { get; }
        public DeviceArray<int> Silence { get; }
        public bool HasRefractoriness { get; }
        public DeviceArray<int> Periods { get; }
        public ArrayView<int> History { get; }
        public ArrayView<int> HistoryCounts { get; }
        public ArrayView<int> ChunkCounts { get; }
        public Action<long, T>? Update;
        public bool Fires;
        public Action<int, ArrayView<int>, long, T>? Reset;

        public ResidentKernels.ListArgs ListArgs(int population, long step, ArrayView<int> stepCounts)
        {
            Slot = (int)(step % Depth);
            return new ResidentKernels.ListArgs
            {
                Fired = Fired,
                Silence = Silence.View,
                ChunkCounts = ChunkCounts,
                List = History.SubView((long)Slot * Size, Size),
                RingCounts = HistoryCounts,
                StepCounts = stepCounts,
                Slot = Slot,
                Population = population,
                Size = Size,
                Chunks = Chunks,
            };
        }
    }

    /// <summary>A Poisson input's kernel and the device copy of its table's cumulative sums.</summary>
    private sealed class PoissonBuffers
    {
        public PoissonBuffers(Action<long, DeviceBinomial> launch) => Launch = launch;

        public Action<long, DeviceBinomial> Launch { get; }
        public BinomialTable Table;
        public ArrayView<double> Cdf;
        public int Length;
        private bool _set;

        public void Refresh(DeviceSession device, BinomialTable table)
        {
            if (_set && table.Equals(Table))
            {
                return;
            }
            _set = true;
            Table = table;
            var cumulative = new BinomialCdf(table).Cumulative.ToArray();
            Length = cumulative.Length;
            if (Cdf.Length < Math.Max(1, Length))
            {
                Cdf = device.Allocate<double>(Math.Max(1, Length));
            }
            if (Length > 0)
            {
                Cdf.SubView(0, Length).CopyFromCPU(cumulative);
            }
        }
    }
}
