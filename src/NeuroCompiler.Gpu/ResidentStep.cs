using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using NeuroCompiler.Host;
using NeuroCompiler.IR;

namespace NeuroCompiler.Gpu;

/// <summary>
/// A whole step on the device. The generated <c>BindResident</c> registers the model's kernels
/// (each population's update and reset, each projection's delivery, each Poisson input) and the
/// device copies of the host arrays; this class runs them in the reference order, keeps each
/// population's recent spike lists on the device for delayed delivery, and moves arrays between
/// host and device only when the host asks (<see cref="Pull"/>, <see cref="Push"/>) and for the
/// spike lists the host records.
/// </summary>
public sealed partial class ResidentStep<T> : IResidentStep<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly PopulationBuffers<T>[] _populations;
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
        _populations = model.Populations.Select(p => new PopulationBuffers<T>(device, p)).ToArray();
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
}
