using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Quantised weights stay within half a step of the model's, except where the range clips them, and the statistics say so.</summary>
public class WeightQuantiserTests
{
    private static double[] Weights(int seed, int count, double mean, double sd)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
    }

    [Theory]
    [InlineData(1, 8, 1e-3, 0.5e-3)]
    [InlineData(2, 4, -2e-3, 1e-3)]
    [InlineData(3, 1, 0.5e-3, 0.1e-3)]
    [InlineData(4, 8, 0, 1e-3)]
    public void DigitalWeightsAreWithinHalfAStepWithTheSmallestExponentThatHoldsThem(int seed, int bits, double mean, double sd)
    {
        var w = Weights(seed, 2000, mean, sd);
        const double unit = 1e-6;
        var q = WeightQuantiser.Digital(w, bits, -8, 20, unit);
        long top = (1L << (bits - 1)) - 1;
        double step = Math.Pow(2, q.Exponent) * unit;
        Assert.Equal(step, q.Quantised.Stats.Step);
        double largest = w.Max(Math.Abs);
        Assert.True(top * step >= largest || q.Exponent == 20);
        Assert.True(q.Exponent == -8 || top * step / 2 < largest, "the exponent is the smallest that holds the largest weight");
        for (int k = 0; k < w.Length; k++)
        {
            Assert.Equal(q.Mantissas[k] * step, q.Quantised.Realised[k]);
            // Two's complement: the negative end is one step further, so the most negative weight may round inside it.
            Assert.True(Math.Abs(q.Quantised.Realised[k] - w[k]) <= step / 2 * (1 + 1e-12), $"weight {k}: {w[k]} -> {q.Quantised.Realised[k]}");
        }
        Assert.Equal(0, q.Quantised.Stats.ClippedFraction);
        Assert.InRange(q.Quantised.Stats.RmsError, 0, step / 2);
        Assert.InRange(q.Quantised.Stats.LevelsUsed, 1, 1 << bits);
    }

    [Fact]
    public void AnExponentRangeTooSmallClipsAndSaysHowMuch()
    {
        var w = new[] { 1.0, 2.0, 100.0, -100.0, 0.001 };
        var q = WeightQuantiser.Digital(w, 8, -2, 0, 0.1);   // at most 127 * 0.1 = 12.7
        Assert.Equal(0, q.Exponent);
        Assert.Equal(new[] { 10, 20, 127, -128, 0 }, q.Mantissas);
        Assert.Equal(0.4, q.Quantised.Stats.ClippedFraction);
        Assert.Equal(0.2, q.Quantised.Stats.ZeroedFraction);      // 0.001 rounds to 0: one of five non-zero weights
        Assert.Equal(100 - 12.7, q.Quantised.Stats.MaxError, 1e-9);
    }

    [Theory]
    [InlineData(5, 16)]
    [InlineData(6, 32)]
    [InlineData(7, 2)]
    public void DifferentialPairsAreWithinHalfALevelAndZeroStaysZero(int seed, int levels)
    {
        var w = Weights(seed, 2000, 0, 1e-3).Append(0).ToArray();
        const double gMin = 1e-6, gMax = 100e-6;
        var q = WeightQuantiser.Differential(w, levels, gMin, gMax);
        double level = (gMax - gMin) / (levels - 1);
        for (int k = 0; k < w.Length; k++)
        {
            Assert.InRange(q.Plus[k], gMin, gMax * (1 + 1e-12));
            Assert.InRange(q.Minus[k], gMin, gMax * (1 + 1e-12));
            Assert.True(q.Plus[k] == gMin || q.Minus[k] == gMin, "one of the pair stays at g_min");
            Assert.True(Math.Abs(q.Quantised.Realised[k] - w[k]) * q.SiemensPerUnit <= level / 2 * (1 + 1e-9));
        }
        Assert.Equal(0, q.Quantised.Realised[^1]);
        Assert.InRange(q.Quantised.Stats.LevelsUsed, 1, 2 * levels - 1);
        Assert.Equal(gMax - gMin, w.Max(Math.Abs) * q.SiemensPerUnit, 1e-12);
    }

    [Fact]
    public void CubasWeightsAreReadFromItsProjections()
    {
        var network = Models.CompileFile(Repository.Path("samples", "cuba.neuro")).Network!;
        var exc = ProjectionWeights.Of(network.Projections[0], frozen: false, out var why)!;
        Assert.Null(why);
        Assert.Equal(network.Projections[0].Synapses!.Count, exc.Values.Length);
        Assert.All(exc.Values, v => Assert.Equal(1.62e-3, v, 1e-9));
        var stdp = Models.Network("""
            import "std/plasticity"
            neuron N { state v = 0 mV }
            population P = N[4]
            projection p = P -> P : STDP { connect all_to_all; target = v; wmax = 1 mV }
            """);
        Assert.Null(ProjectionWeights.Of(stdp.Projections[0], frozen: false, out why));
        Assert.Contains("not a single 'post.x += w'", why);
    }
}
