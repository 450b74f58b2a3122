using ILGPU;
using ILGPU.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>
/// One byte per neuron on the device: a host bool array sent up (refractory neurons), or flags a
/// kernel writes and the host reads back as a list (neurons whose threshold condition held).
/// </summary>
public sealed class DeviceFlags : IDisposable
{
    private readonly bool[]? _host;
    private readonly byte[] _bytes;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _buffer;

    public DeviceFlags(Accelerator accelerator, int length, bool[]? host)
    {
        _host = host;
        _bytes = new byte[length];
        _buffer = accelerator.Allocate1D<byte>(Math.Max(1, length));
    }

    public ArrayView<byte> View => _buffer.View;

    public void Upload(int start, int end)
    {
        if (end <= start || _host is null)
        {
            return;
        }
        for (int i = start; i < end; i++)
        {
            _bytes[i] = _host[i] ? (byte)1 : (byte)0;
        }
        View.SubView(start, end - start).CopyFromCPU(new ReadOnlySpan<byte>(_bytes, start, end - start));
    }

    /// <summary>The set flags in [start, end), ascending, into <paramref name="list"/>; returns how many.</summary>
    public int Collect(int start, int end, int[] list)
    {
        if (end <= start)
        {
            return 0;
        }
        View.SubView(start, end - start).CopyToCPU(new Span<byte>(_bytes, start, end - start));
        int count = 0;
        for (int i = start; i < end; i++)
        {
            if (_bytes[i] != 0)
            {
                list[count++] = i;
            }
        }
        return count;
    }

    /// <summary>Whether the first flag is set (a kernel's one flag for all its threads); clears it on the device if so.</summary>
    public bool Take()
    {
        View.SubView(0, 1).CopyToCPU(new Span<byte>(_bytes, 0, 1));
        if (_bytes[0] == 0)
        {
            return false;
        }
        _buffer.MemSetToZero();
        return true;
    }

    public void Dispose() => _buffer.Dispose();
}
