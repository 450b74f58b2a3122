using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Tiling onto crossbars keeps every limit, or says which one breaks and what flag would change the network instead.</summary>
public class CrossbarMappingTests
{
    private static readonly Func<IReadOnlyDictionary<int, double>> Rates = () => new Dictionary<int, double> { [0] = 50, [1] = 5 };

    private static (CrossbarMapping? Mapping, DiagnosticBag Diagnostics) Map(Network network, TargetDescription target, MappingOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        return (CrossbarMapper.Map(new MappingRequest(network, target, Rates, options ?? new MappingOptions()), diagnostics), diagnostics);
    }

    [Fact]
    public void AnAllToAllProjectionTakesTheTilesItsRowsAndColumnsNeed()
    {
        // 100 sources onto 50 neurons: 8 neurons a tile (16 columns, 2 per weight), 7 slices; 100 rows in 16s, 7 cuts each: 49 tiles.
        var network = Models.Network(CrossbarTargets.Network(100, 50));
        var (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny());
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        Assert.Equal(49, mapping!.Tiles.Length);
        Assert.All(mapping.Tiles, t =>
        {
            Assert.InRange(t.Rows.Length, 1, 16);
            Assert.InRange(t.ColumnsUsed, 2, 16);
            Assert.Equal(t.Rows.Length * t.Count, t.Synapses);
            // Every weight is the group's largest: G+ at the top level, G− at the base, one cell per synapse programmed.
            Assert.Equal(t.Synapses, t.Cells.Length);
            Assert.All(t.Cells, c => Assert.Equal((15, 0), (c.Level, c.Column % 2)));
        });
        Assert.Equal(5000, mapping.Tiles.Sum(t => t.Synapses));
        var group = Assert.Single(mapping.Groups);
        Assert.Equal("x", group.State);
        // 16 rows at 50 Hz in 1 ms steps: μ = 0.8, 0.8 + 4·√0.8 = 4.38: the ADC's range holds 5 rows at full weight.
        Assert.Equal(5, group.ActiveRows);
        Assert.Equal(5 * 15e-6, group.AdcFullScale, 1e-12);
    }

    [Fact]
    public void ANetworkBeyondTheTilesIsAnErrorThatSaysHowManyItNeeds()
    {
        var network = Models.Network(CrossbarTargets.Network(100, 50));
        var (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny(tiles: 48));
        Assert.Null(mapping);
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.Equal("NC0711", error.CodeText);
        Assert.Contains("needs 49 tiles of 16×16, and the target has 48", error.Message);
        // Far beyond: found by the lower bound, before any tile is cut.
        (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny(tiles: 10));
        Assert.Contains(diagnostics.Items, d => d.Message.Contains("needs at least 40 tiles"));
    }

    [Fact]
    public void DelaysBeyondTheDelayLinesAreAnErrorOrClampedAndCounted()
    {
        var network = Models.Network(CrossbarTargets.Network(10, 5, delay: "; delay = 20 ms"));
        var (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny());
        Assert.Null(mapping);
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.Equal("NC0713", error.CodeText);
        Assert.Contains("50 synapses of 'p' have delays outside 0–16 device steps", error.Message);
        Assert.Contains("--clamp-delays", error.Message);
        (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny(), new MappingOptions(ClampDelays: true));
        Assert.False(diagnostics.HasErrors);
        Assert.Contains("projection p: 50 delays clamped to 0–16 steps", mapping!.Changes);
        Assert.All(mapping.Tiles.SelectMany(t => t.Rows), r => Assert.Equal(16, r.Delay));
    }

    [Fact]
    public void ALearningProjectionNeedsItsLearningFrozenAndTheReportCountsIt()
    {
        string extra = """
            import "std/plasticity"
            projection q = In -> P : STDP { connect one_to_one; target = x; wmax = 2 mV; w = 1 mV }
            """;
        var network = Models.Network(CrossbarTargets.Network(5, 5, extra: extra));
        var (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny());
        Assert.Null(mapping);
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0713" && d.Message.Contains("'q' learns (STDP)") && d.Message.Contains("--freeze-learning"));
        (mapping, diagnostics) = Map(network, CrossbarTargets.Tiny(), new MappingOptions(FreezeLearning: true));
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        Assert.Contains("projection q: learning (STDP) frozen, 5 synapses keep their initial weights", mapping!.Changes);
        // p and q feed x from the same sources: where both connect, the two synapses share a cell, and the report says so.
        Assert.Contains(mapping.Changes, c => c.Contains("5 synapses share a cell"));
    }

    [Fact]
    public void DriftAwareMappingRecalibratesGainsByTheExpectedDriftOfTheProgrammedCells()
    {
        var network = Models.Network(CrossbarTargets.Network(10, 5));
        var pcm = CrossbarTargets.Repository("pcm-256");
        var diagnostics = new DiagnosticBag();
        var aware = CrossbarMapper.Map(new MappingRequest(network, pcm, Rates, new MappingOptions(DriftAware: true)), diagnostics)!;
        Assert.True(aware.DriftAware);
        var device = ((CrossbarHardware)pcm.Hardware).Device;
        var group = aware.Groups[0];
        // Before t0 (20 s) nothing has drifted.
        Assert.Equal(1.0, Emulation.ProgrammedArray.Compensation(device, group.Encoding, aware.Tiles, 10));
        // Every weight is the largest, at 25 µS, where ν's mean is 0.05: after 2·10^5 s the gain rises by (10^4)^0.05 = 1.585.
        Assert.Equal(Math.Pow(1e4, 0.05), Emulation.ProgrammedArray.Compensation(device, group.Encoding, aware.Tiles, 2e5), 9);
    }
}
