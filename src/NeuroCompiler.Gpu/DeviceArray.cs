using ILGPU;
using ILGPU.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>A host array and its device copy; copies go either way, whole or for a range of neurons.</summary>
public sealed class DeviceArray<T> : IDisposable where T : unmanaged
{
    private readonly T[] _host;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;

    public DeviceArray(Accelerator accelerator, T[] host)
    {
        _host = host;
        _buffer = accelerator.Allocate1D<T>(Math.Max(1, host.Length));
    }

    public ArrayView<T> View => _buffer.View;

    /// <summary>Elements per neuron when this holds per-neuron arrays laid end to end (<see cref="DeviceSession.Flatten{T}"/>).</summary>
    public int Stride { get; init; }

    public void UploadAll() => Upload(0, _host.Length);

    public void Upload(int start, int end)
    {
        if (end > start)
        {
            View.SubView(start, end - start).CopyFromCPU(new ReadOnlySpan<T>(_host, start, end - start));
        }
    }

    public void DownloadAll() => Download(0, _host.Length);

    public void Download(int start, int end)
    {
        if (end > start)
        {
            View.SubView(start, end - start).CopyToCPU(new Span<T>(_host, start, end - start));
        }
    }

    public void Dispose() => _buffer.Dispose();
}
