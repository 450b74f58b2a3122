namespace NeuroCompiler.Runtime;

/// <summary>
/// The inversion sampler of a <see cref="BinomialTable"/> with its cumulative sums computed once:
/// the same values, in the same order, as the table's per-draw loop computes them, so a draw is a
/// short search with the same result to the bit and no division. For inputs drawn every step for
/// every neuron (Poisson input), where the loop's divisions dominate.
/// </summary>
public sealed class BinomialCdf
{
    private readonly double[] _cdf;
    private readonly BinomialTable _table;

    public BinomialCdf(BinomialTable table)
    {
        _table = table;
        if (table.Kind != BinomialKind.Inversion)
        {
            _cdf = Array.Empty<double>();
            return;
        }
        // The loop of BinomialTable.SampleInversion, recording cdf_k: it returns the first k with
        // cdf_k > u; or n; or, where the sum stops growing past the mean, that k.
        int n = table.N;
        var cdf = new List<double> { table.Pmf0 };
        double pmf = table.Pmf0;
        double sum = table.Pmf0;
        for (int k = 0; k < n; k++)
        {
            pmf = (pmf * ((n - k) * table.Ratio)) / (k + 1);
            double next = sum + pmf;
            if (next == sum && k + 1 > table.InversionMean)
            {
                break; // a draw that gets here returns k + 1 = cdf.Count
            }
            sum = next;
            if (k + 1 == n)
            {
                break; // a draw that gets here returns n = cdf.Count
            }
            cdf.Add(sum);
        }
        _cdf = cdf.ToArray();
    }

    /// <summary>cdf_k for k = 0, 1, …: a draw u gives the first k with cdf_k &gt; u, or the length when there is none (then flipped if the table says so).</summary>
    public ReadOnlySpan<double> Cumulative => _cdf;

    /// <summary><see cref="BinomialTable.SampleFromWords"/>, with the inversion by search.</summary>
    public int SampleFromWords(uint r0, uint r1, uint r2, uint r3)
    {
        if (_table.Kind != BinomialKind.Inversion)
        {
            return _table.SampleFromWords(r0, r1, r2, r3);
        }
        double u = CounterRng.UniformDoubleFromWords(r0, r1);
        var cdf = _cdf;
        int k = 0;
        while (k < cdf.Length && cdf[k] <= u)
        {
            k++;
        }
        return _table.Flip ? _table.N - k : k;
    }
}
