using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace NeuroCompiler.Gpu;

/// <summary>
/// An ILGPU context and accelerator for one run, and the device copies of the run's arrays. Math
/// mode is ILGPU's default (never <c>MathMode.Fast</c>, which would allow approximate division and
/// square roots).
/// </summary>
public sealed class DeviceSession : IDisposable
{
    private readonly Context _context;
    private readonly List<IDisposable> _buffers = new();
    private readonly Dictionary<object, object> _shared = new(ReferenceEqualityComparer.Instance);

    private DeviceSession(Context context, Accelerator accelerator)
    {
        _context = context;
        Accelerator = accelerator;
    }

    public Accelerator Accelerator { get; }

    /// <summary>The accelerator in words, for the run's summary ("CUDA: NVIDIA H200", "ILGPU CPU accelerator").</summary>
    public string Description => Accelerator.AcceleratorType == AcceleratorType.Cuda ? $"CUDA: {Accelerator.Name}" : "ILGPU CPU accelerator";

    public static DeviceSession Open(DeviceKind kind)
    {
        if (kind == DeviceKind.CpuAccelerator)
        {
            // An emulated device of one multiprocessor with one warp of two threads: the kernels use
            // no warp or group operations, and every launch synchronises the emulating threads, so
            // fewer of them launch faster (the default device's 16 took 4x as long per step here).
            var cpuContext = Context.Create(builder => builder.CPU(new CPUDevice(2, 1, 1)).Math(MathMode.Default));
            return new DeviceSession(cpuContext, cpuContext.CreateCPUAccelerator(0));
        }
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda().Math(MathMode.Default));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new NoGpuException($"no NVIDIA GPU was found: the CUDA driver could not be loaded ({e.Message})");
        }
        var devices = context.GetCudaDevices();
        if (devices.Count == 0)
        {
            context.Dispose();
            throw new NoGpuException("no NVIDIA GPU was found (ILGPU sees no CUDA device)");
        }
        return new DeviceSession(context, devices[0].CreateAccelerator(context));
    }

    /// <summary>A device copy of a host array, same length.</summary>
    public DeviceArray<T> Mirror<T>(T[] host) where T : unmanaged
    {
        var array = new DeviceArray<T>(Accelerator, host);
        _buffers.Add(array);
        return array;
    }

    /// <summary>A device copy of a bool array, as bytes (0 or 1).</summary>
    public DeviceFlags Mirror(bool[] host)
    {
        var flags = new DeviceFlags(Accelerator, host.Length, host);
        _buffers.Add(flags);
        return flags;
    }

    /// <summary>Per-neuron flags the kernel writes (who fired).</summary>
    public DeviceFlags Flags(int length)
    {
        var flags = new DeviceFlags(Accelerator, length, null);
        _buffers.Add(flags);
        return flags;
    }

    /// <summary>Per-neuron arrays of equal length laid end to end: element j of neuron i at i·stride + j.</summary>
    public DeviceArray<T> Flatten<T>(T[][] perNeuron) where T : unmanaged
    {
        int stride = perNeuron.Length == 0 ? 0 : perNeuron[0].Length;
        if (perNeuron.Any(a => a.Length != stride))
        {
            throw new InvalidOperationException("per-neuron propagators of different sizes");
        }
        var flat = new T[(long)perNeuron.Length * stride];
        for (int i = 0; i < perNeuron.Length; i++)
        {
            perNeuron[i].CopyTo(flat, (long)i * stride);
        }
        var array = new DeviceArray<T>(Accelerator, flat) { Stride = stride };
        _buffers.Add(array);
        array.UploadAll();
        return array;
    }

    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>
    /// Loads a generated kernel (<c>Kernel{n}(Index1D, Views{n}, start, step, t, seed)</c>). On CUDA its
    /// PTX is rounded first (<see cref="PtxCompiler.Round"/>); elsewhere ILGPU loads it as it is.
    /// </summary>
    public Action<Index1D, TViews, int, long, T, ulong> Load<TViews, T>(Action<Index1D, TViews, int, long, T, ulong> kernel)
        where TViews : struct
        where T : unmanaged
    {
        var launcher = Compiled(kernel.Method).CreateLauncherDelegate<Action<AcceleratorStream, Index1D, TViews, int, long, T, ulong>>();
        var stream = Accelerator.DefaultStream;
        return (index, views, start, step, t, seed) => launcher(stream, index, views, start, step, t, seed);
    }

    /// <summary>
    /// Loads a kernel that takes one struct of views and values (<c>Name(Index1D, TArgs)</c>), rounded as
    /// <see cref="Load{TViews, T}"/> does; the launcher runs it on that many threads (none for 0).
    /// </summary>
    public Action<int, TArgs> Kernel<TArgs>(Action<Index1D, TArgs> kernel) where TArgs : struct
    {
        var launcher = Compiled(kernel.Method).CreateLauncherDelegate<Action<AcceleratorStream, Index1D, TArgs>>();
        var stream = Accelerator.DefaultStream;
        return (threads, args) =>
        {
            if (threads > 0)
            {
                launcher(stream, threads, args);
            }
        };
    }

    private Kernel Compiled(System.Reflection.MethodInfo method)
    {
        var backend = Accelerator.GetBackend();
        var compiled = backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), KernelSpecialization.Empty);
        if (compiled is ILGPU.Backends.PTX.PTXCompiledKernel ptx)
        {
            compiled = PtxCompiler.Rounded(ptx);
        }
        return Accelerator.LoadAutoGroupedKernel(compiled);
    }

    /// <summary>
    /// The one device copy of a host array that several kernels share (a state that one kernel
    /// integrates and another adds input to), made on first use.
    /// </summary>
    public DeviceArray<T> Shared<T>(T[] host) where T : unmanaged
    {
        if (_shared.TryGetValue(host, out var existing))
        {
            return (DeviceArray<T>)existing;
        }
        var array = new DeviceArray<T>(Accelerator, host);
        _buffers.Add(array);
        _shared.Add(host, array);
        return array;
    }

    /// <summary>Every shared device copy of an array of <typeparamref name="T"/>.</summary>
    public IEnumerable<DeviceArray<T>> SharedArrays<T>() where T : unmanaged => _shared.Values.OfType<DeviceArray<T>>();

    /// <summary>A device array of its own, not copied from the host (zeroed).</summary>
    public ArrayView<T> Allocate<T>(long length) where T : unmanaged
    {
        var buffer = Accelerator.Allocate1D<T>(Math.Max(1, length));
        buffer.MemSetToZero();
        _buffers.Add(buffer);
        return buffer.View;
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
        Accelerator.Dispose();
        _context.Dispose();
    }
}
