using ILGPU;
using ILGPU.Backends;
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
            var cpuContext = Context.Create(builder => builder.CPU().Math(MathMode.Default));
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
        if (Accelerator.GetBackend() is not ILGPU.Backends.PTX.PTXBackend backend)
        {
            return Accelerator.LoadAutoGroupedStreamKernel(kernel);
        }
        var compiled = PtxCompiler.Rounded(PtxCompiler.Compile(backend, kernel.Method));
        var launcher = Accelerator.LoadAutoGroupedKernel(compiled)
            .CreateLauncherDelegate<Action<AcceleratorStream, Index1D, TViews, int, long, T, ulong>>();
        var stream = Accelerator.DefaultStream;
        return (index, views, start, step, t, seed) => launcher(stream, index, views, start, step, t, seed);
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
