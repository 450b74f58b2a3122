using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Host.Tests;

/// <summary>
/// The reference interpreter compiles and evaluates the deepest expressions the front end accepts
/// (three times as deep in the IR) by recursion: on its own deep-stack thread and workers, so the
/// caller's stack does not matter, and with the same numbers whatever the worker count.
/// </summary>
public class NestingTests
{
    [Fact]
    public void TheDeepestModelRunsWithTheSameNumbersOnOneOrThreeWorkers()
    {
        var network = Models.Network(DeepInputs.UniformLet());
        var one = ReferenceInterpreter.Run(network, new HostOptions { Workers = 1 });
        var three = ReferenceInterpreter.Run(network, new HostOptions { Workers = 3 });
        var values = Assert.Single(one.Traces).Values.SelectMany(v => v).ToList();
        Assert.Equal(4 * 10, values.Count);
        Assert.All(values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(values, Assert.Single(three.Traces).Values.SelectMany(v => v));
    }

    [Fact]
    public void ItRunsFromAThreadWithASmallStack()
    {
        var network = Models.Network(DeepInputs.ClipEquation());
        Output.SimulationResult? result = null;
        var thread = new Thread(() => result = ReferenceInterpreter.Run(network), 256 * 1024);
        thread.Start();
        thread.Join();
        var values = Assert.Single(result!.Traces).Values.SelectMany(v => v).ToList();
        Assert.Equal(4 * 10, values.Count);
        Assert.All(values, v => Assert.True(double.IsFinite(v)));
    }
}
