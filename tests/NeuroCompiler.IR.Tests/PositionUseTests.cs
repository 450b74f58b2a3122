using NeuroCompiler.TestSupport;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// A projection that reads positions (distance, pre.x, post.y, ...) of a population without a layout is
/// NC0114 at the projection, one per population missing, not a crash of the connectivity pass.
/// </summary>
public class PositionUseTests
{
    private static string Model(string layoutA, string layoutB, string body) => $$"""
        model positions { dt = 0.1 ms; duration = 2 ms }
        neuron N { state v = 0 }
        synapse S { param w = 1; on_pre { v += w } }
        population A = N[10]{{layoutA}}
        population B = N[10]{{layoutB}}
        projection ab = A -> B : S { {{body}} }
        """;

    private const string Grid = " { layout = grid(10, spacing = 10 um) }";

    [Theory]
    [InlineData("", "", "connect probability(exp(-distance / (100 um)))", "distance", "A", "B")]
    [InlineData(Grid, "", "connect probability(exp(-distance / (100 um)))", "distance", "B")]
    [InlineData(Grid, "", "connect all_to_all; w = 1 + post.x / (1 um)", "post.x, .y or .z", "B")]
    [InlineData("", Grid, "connect all_to_all; delay = 1 ms + pre.y / (1 m/s)", "pre.x, .y or .z", "A")]
    public void PositionsOfAPopulationWithoutALayoutAreAnErrorAtTheProjection(string layoutA, string layoutB, string body, string what, params string[] missing)
    {
        var errors = Models.Errors(Model(layoutA, layoutB, body));
        Assert.Equal(missing.Select(p => $"NC0114 projection 'ab' uses {what}, but population '{p}' has no layout to give its neurons positions"),
            errors.Select(e => $"{e.CodeText} {e.Message}"));
        Assert.All(errors, e => Assert.Equal(6, e.Location!.Start.Line));
    }

    [Fact]
    public void WithTheLayoutsThePositionsAreRead()
    {
        var result = Models.Run(Model(Grid, Grid, "connect probability(exp(-distance / (30 um))); w = 1 + pre.x / (1 um)"));
        Assert.True(result.TotalSynapses is > 0 and < 100, $"{result.TotalSynapses} synapses");
    }
}
