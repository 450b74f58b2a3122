using ILGPU;
using ILGPU.Runtime;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>A Poisson input's kernel and the device copy of its table's cumulative sums.</summary>
internal sealed class PoissonBuffers
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
