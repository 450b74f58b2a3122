using ILGPU;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Gpu;

/// <summary>
/// A <see cref="BinomialTable"/> as a kernel can take it (ints and doubles only), with the device
/// copy of its cumulative sums (<see cref="BinomialCdf.Cumulative"/>), so that a draw on the device
/// is <see cref="BinomialCdf.SampleFromWords"/> to the bit.
/// </summary>
public struct DeviceBinomial
{
    public int Kind;
    public int N;
    public int Flip;
    public double Mean;
    public double StdDev;
    public ArrayView<double> Cdf;
    public int Length;

    public static DeviceBinomial From(BinomialTable table, ArrayView<double> cdf, int length) => new()
    {
        Kind = (int)table.Kind,
        N = table.N,
        Flip = table.Flip ? 1 : 0,
        Mean = table.Mean,
        StdDev = table.StdDev,
        Cdf = cdf,
        Length = length,
    };

    public int Sample(uint r0, uint r1, uint r2, uint r3)
    {
        switch ((BinomialKind)Kind)
        {
            case BinomialKind.AlwaysZero:
                return 0;
            case BinomialKind.AlwaysN:
                return N;
            case BinomialKind.Inversion:
                double u = CounterRng.UniformDoubleFromWords(r0, r1);
                int k = 0;
                while (k < Length && Cdf[k] <= u)
                {
                    k++;
                }
                return Flip != 0 ? N - k : k;
            default:
                return BinomialTable.NormalApproximation(Mean, StdDev, N, CounterRng.NormalDoubleFromWords(r2, r3));
        }
    }
}
