using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// What quantising a projection's weights cost: the scale chosen (the weight of one step), the RMS
/// and largest error (in the weights' own unit), the fraction clipped at the range's ends, the
/// fraction of non-zero weights rounded to zero, and how many distinct levels are used.
/// </summary>
public sealed record QuantisationStats(double Step, double RmsError, double MaxError, double ClippedFraction, double ZeroedFraction, int LevelsUsed);

/// <summary>Weights in a device's representation, and what it cost.</summary>
public sealed record QuantisedWeights(ImmutableArray<double> Realised, QuantisationStats Stats);

/// <summary>Digital weights: signed mantissas of a few bits with one exponent per projection.</summary>
public sealed record DigitalWeights(ImmutableArray<int> Mantissas, int Exponent, QuantisedWeights Quantised);

/// <summary>Memristor weights: a pair of conductances per weight (G+ − G− ∝ w), each on the cell's levels.</summary>
public sealed record ConductanceWeights(ImmutableArray<double> Plus, ImmutableArray<double> Minus, double SiemensPerUnit, QuantisedWeights Quantised);

/// <summary>Rounds weights to what hardware can hold, and measures the cost.</summary>
public static class WeightQuantiser
{
    /// <summary>
    /// Mantissa m of <paramref name="bits"/> bits (two's complement) and a shared exponent e in
    /// [<paramref name="exponentMin"/>, <paramref name="exponentMax"/>], so that w ≈ m · 2^e · <paramref name="unit"/>
    /// (<paramref name="unit"/>: the weight of one step of the target neuron's state). e is the smallest that
    /// holds the largest |w|, so resolution is as fine as the range allows; weights beyond the range clip.
    /// </summary>
    /// <param name="atLeast">A magnitude the range must hold besides the weights (a learning rule's bound).</param>
    public static DigitalWeights Digital(IReadOnlyList<double> weights, int bits, int exponentMin, int exponentMax, double unit, double atLeast = 0)
    {
        long top = (1L << (bits - 1)) - 1, bottom = -(1L << (bits - 1));
        double largest = Math.Max(atLeast, weights.Select(Math.Abs).DefaultIfEmpty(0).Max());
        int exponent = exponentMin;
        while (exponent < exponentMax && largest > top * Math.Pow(2, exponent) * unit)
        {
            exponent++;
        }
        double step = Math.Pow(2, exponent) * unit;
        var mantissas = weights.Select(w => (int)Math.Clamp((long)Math.Round(w / step, MidpointRounding.ToEven), bottom, top)).ToImmutableArray();
        var realised = mantissas.Select(m => m * step).ToImmutableArray();
        return new DigitalWeights(mantissas, exponent, new QuantisedWeights(realised,
            Stats(weights, realised, step, mantissas.Select((m, k) => m == top && weights[k] > (top + 0.5) * step || m == bottom && weights[k] < (bottom - 0.5) * step))));
    }

    /// <summary>
    /// A differential pair on cells of <paramref name="levels"/> levels between <paramref name="gMin"/> and
    /// <paramref name="gMax"/>: the largest |w| maps to the full swing g_max − g_min; a positive weight
    /// raises G+ from g_min, a negative one G−. Each conductance is rounded to the nearest level.
    /// </summary>
    public static ConductanceWeights Differential(IReadOnlyList<double> weights, int levels, double gMin, double gMax)
    {
        double largest = weights.Select(Math.Abs).DefaultIfEmpty(0).Max();
        double swing = gMax - gMin;
        double siemensPerUnit = largest > 0 ? swing / largest : 0;
        double level = swing / (levels - 1);
        double Round(double g) => gMin + Math.Round((g - gMin) / level, MidpointRounding.ToEven) * level;
        var plus = weights.Select(w => Round(gMin + Math.Max(w, 0) * siemensPerUnit)).ToImmutableArray();
        var minus = weights.Select(w => Round(gMin + Math.Max(-w, 0) * siemensPerUnit)).ToImmutableArray();
        var realised = plus.Zip(minus, (p, m) => siemensPerUnit > 0 ? (p - m) / siemensPerUnit : 0).ToImmutableArray();
        double step = siemensPerUnit > 0 ? level / siemensPerUnit : 0;
        return new ConductanceWeights(plus, minus, siemensPerUnit, new QuantisedWeights(realised, Stats(weights, realised, step, weights.Select(_ => false))));
    }

    public static QuantisationStats Stats(IReadOnlyList<double> weights, IReadOnlyList<double> realised, double step, IEnumerable<bool> clipped)
    {
        int n = weights.Count;
        if (n == 0)
        {
            return new QuantisationStats(step, 0, 0, 0, 0, 0);
        }
        double squares = 0, max = 0;
        int zeroed = 0, nonZero = 0;
        for (int k = 0; k < n; k++)
        {
            double error = realised[k] - weights[k];
            squares += error * error;
            max = Math.Max(max, Math.Abs(error));
            if (weights[k] != 0)
            {
                nonZero++;
                zeroed += realised[k] == 0 ? 1 : 0;
            }
        }
        return new QuantisationStats(step, Math.Sqrt(squares / n), max, clipped.Count(c => c) / (double)n,
            nonZero == 0 ? 0 : zeroed / (double)nonZero, realised.Distinct().Count());
    }
}
