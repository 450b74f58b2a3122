using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Weights in conductance levels: every encoding keeps its levels in range and its error within half a step.</summary>
public class CellEncodingTests
{
    private static readonly double[] Weights = Enumerable.Range(-200, 401).Select(i => i * 0.0123).ToArray();

    [Theory]
    [InlineData(WeightScheme.Differential, 16, 1)]
    [InlineData(WeightScheme.Differential, 4, 1)]
    [InlineData(WeightScheme.Offset, 16, 1)]
    [InlineData(WeightScheme.Offset, 9, 1)]
    [InlineData(WeightScheme.BitSliced, 4, 2)]
    [InlineData(WeightScheme.BitSliced, 4, 3)]
    public void EveryWeightWithinRangeIsWithinHalfAStepAndUsesOnlyTheCellsLevels(WeightScheme scheme, int levels, int slices)
    {
        double largest = Weights.Max(Math.Abs);
        var encoding = new CellEncoding(scheme, levels, slices, 1e-6, 100e-6, largest);
        double step = largest / encoding.TopMagnitude;
        foreach (double w in Weights)
        {
            var (cells, realised, clipped) = encoding.Encode(w);
            Assert.False(clipped);
            Assert.Equal(encoding.ColumnsPerWeight, cells.Length);
            Assert.All(cells, l => Assert.InRange(l, 0, levels - 1));
            Assert.InRange(Math.Abs(realised - w), 0, step / 2 + 1e-12);
            // What the cells hold is what is realised: Σ_i L^i (G_a − G_b)_i times the weight per siemens.
            double siemens = scheme == WeightScheme.Offset
                ? encoding.Conductance(cells[0]) - encoding.Conductance(encoding.BaseLevel)
                : Enumerable.Range(0, slices).Sum(i => Math.Pow(levels, i) * (encoding.Conductance(cells[2 * i]) - encoding.Conductance(cells[2 * i + 1])));
            Assert.Equal(realised, siemens * encoding.WeightPerSiemens, 1e-9);
        }
    }

    [Fact]
    public void ADifferentialPairPutsTheSignInItsCellAndTheLargestWeightAtTheTop()
    {
        var encoding = new CellEncoding(WeightScheme.Differential, 16, 1, 1e-6, 100e-6, 2.0);
        Assert.Equal(new[] { 15, 0 }, encoding.Encode(2.0).Levels);
        Assert.Equal(new[] { 0, 15 }, encoding.Encode(-2.0).Levels);
        Assert.Equal(new[] { 0, 0 }, encoding.Encode(0.01).Levels);
        // Beyond the largest weight (another projection's, say) the magnitude clips.
        var (levels, realised, clipped) = encoding.Encode(3.0);
        Assert.True(clipped);
        Assert.Equal(new[] { 15, 0 }, levels);
        Assert.Equal(2.0, realised, 12);
        // Drift-aware mapping's raised floor keeps the same levels over a smaller swing.
        var raised = encoding with { GBase = 25.75e-6 };
        Assert.Equal(raised.GBase + 15 * raised.LevelStep, raised.GMax, 1e-15);
    }

    [Fact]
    public void ABitSlicedWeightSpreadsItsMagnitudeOverDigits()
    {
        // 4 levels, 2 slices: magnitudes 0..15; 11 = 3 + 2·4 → slice 0 digit 3, slice 1 digit 2, on the plus cells.
        var encoding = new CellEncoding(WeightScheme.BitSliced, 4, 2, 0, 1e-6, 15);
        Assert.Equal(new[] { 3, 0, 2, 0 }, encoding.Encode(11).Levels);
        Assert.Equal(new[] { 0, 3, 0, 2 }, encoding.Encode(-11).Levels);
    }

    [Fact]
    public void AnOffsetWeightIsReadAgainstTheMiddleLevel()
    {
        var encoding = new CellEncoding(WeightScheme.Offset, 16, 1, 0, 15e-6, 7);
        Assert.Equal(7, encoding.BaseLevel);
        Assert.Equal(new[] { 14 }, encoding.Encode(7).Levels);
        Assert.Equal(new[] { 0 }, encoding.Encode(-7).Levels);
        Assert.Equal(new[] { 10 }, encoding.Encode(3.2).Levels);
    }
}
