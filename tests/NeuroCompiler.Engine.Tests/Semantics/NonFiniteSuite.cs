using System.Text.Json;
using NeuroCompiler.CodeGen;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;

namespace NeuroCompiler.Engine.Tests.Semantics;

/// <summary>
/// A value that becomes NaN or infinite stops the run at the same step, on the same neuron or synapse
/// and variable, on every backend and thread count (docs/semantics.md, "Values that are not finite"):
/// the cpu backend on two threads splits a 200-neuron population into two shares, the gpu suites run
/// the device step. The results of the steps before are kept, the reference's bit for bit, and
/// summary.json says why the run stopped.
/// </summary>
public abstract class NonFiniteSuite(SuiteBackend backend) : BackendSuite(backend), IDisposable
{
    // Made when a test writes, not with the instance: the suite's discoverer makes instances too (to ask
    // whether the backend runs here), and nothing disposes those.
    private string? _folder;

    public void Dispose()
    {
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [BackendFact] public void LogOfANegative() => StopsWhereExpected("log of a negative");
    [BackendFact] public void AnOverflowingEquation() => StopsWhereExpected("an overflowing equation");
    [BackendFact] public void ANaNPerSynapseWeight() => StopsWhereExpected("a NaN per-synapse weight");
    [BackendFact] public void AWeightAHandlerMakesInfinite() => StopsWhereExpected("a weight a handler makes infinite");
    [BackendFact] public void AWeightAClockRuleMakesNaN() => StopsWhereExpected("a weight a clock rule makes NaN");
    [BackendFact] public void AValueDeliveredThatIsNotFinite() => StopsWhereExpected("a value delivered that is not finite");
    [BackendFact] public void ARefractoryNeuronsValue() => StopsWhereExpected("a refractory neuron's value");
    [BackendFact] public void AnInfiniteConductanceInARefractoryNeuron() => StopsWhereExpected("an infinite conductance in a refractory neuron");
    [BackendFact] public void AnInfiniteConductance() => StopsWhereExpected("an infinite conductance");
    [BackendFact] public void AnInfiniteConductanceInFloat32() => StopsWhereExpected("an infinite conductance (float32)");
    [BackendFact] public void AnInfiniteInputToARefractoryNeuron() => StopsWhereExpected("an infinite input to a refractory neuron (exact)");
    [BackendFact] public void ARandomInitialValue() => StopsWhereExpected("a random initial value");
    [BackendFact] public void APerNeuronParameter() => StopsWhereExpected("a per-neuron parameter");
    [BackendFact] public void ASignalThatDiverges() => StopsWhereExpected("a signal that diverges");

    /// <summary>The facts that are not one case each: <see cref="KeepsTheSpikesAndRatesBeforeTheStep"/>, <see cref="AModelThatStaysFiniteRunsToTheEnd"/>.</summary>
    private const int OtherFacts = 2;

    [Fact]
    public void EveryCaseHasAFact() => Assert.Equal(NonFiniteCases.Cases.Count + OtherFacts,
        typeof(NonFiniteSuite).GetMethods().Count(m => m.GetCustomAttributes(typeof(BackendFactAttribute), false).Length > 0));

    private void StopsWhereExpected(string name)
    {
        var (model, at) = NonFiniteCases.Cases[name];
        var network = Comparison.RecordingAllSpikes(Models.Network(model));
        var result = RunToFailure(network);

        var expected = at.At(network.Settings.Dt);
        Assert.Equal(expected, result.Failure);
        long step = expected.Step;
        Assert.Equal(step, result.Steps);

        // Kept: what was recorded before the step, nothing from it on.
        Assert.All(result.Spikes.SelectMany(s => s.Steps), s => Assert.True(s < step, $"a spike of step {s}"));
        foreach (var trace in result.Traces)
        {
            Assert.Equal(Enumerable.Range(0, (int)step).Select(s => (long)s), trace.Steps);
            Assert.All(trace.Values.SelectMany(v => v), v => Assert.True(double.IsFinite(v)));
        }
        Assert.All(result.Rates, rate => Assert.Equal((int)(step / rate.BinSteps), rate.Rates.Length));

        _folder ??= Directory.CreateTempSubdirectory("neuroc-nonfinite-").FullName;
        string folder = Path.Combine(_folder, name.Replace(' ', '-').Replace('\'', '-'));
        ResultWriter.Write(result, new RunInfo(TimeSpan.Zero, "test"), folder);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(step, root.GetProperty("steps").GetInt64());
        var failure = root.GetProperty("failure");
        Assert.Equal(expected.Variable, failure.GetProperty("variable").GetString());
        Assert.Equal(expected.Value, failure.GetProperty("value").GetString());
        Assert.Equal(expected.Origin, failure.GetProperty("origin").GetString());
        Assert.Equal(step, failure.GetProperty("step").GetInt64());
        Assert.Equal(expected.Message, failure.GetProperty("message").GetString());
    }

    [BackendFact]
    public void KeepsTheSpikesAndRatesBeforeTheStep()
    {
        var result = RunToFailure(Models.Network(NonFiniteCases.Cases["an overflowing equation"].Model));
        var spikes = Assert.Single(result.Spikes);
        Assert.Equal(new long[] { 1, 2 }, spikes.Steps);       // the spike at 5 ms (step 50) is after the failure
        Assert.Equal(new[] { 0, 1 }, spikes.Indices);
        var rate = Assert.Single(result.Rates);
        Assert.Equal(2, rate.Rates.Length);                  // bins of 5 steps: 0-4 and 5-9
        Assert.Equal(new[] { 2 / (2 * 5e-4), 0 }, rate.Rates);
        var generator = result.Populations.Single(p => p.Name == "G");
        Assert.Equal(2, generator.Spikes);
        Assert.Equal(2 / (2 * 10e-4), generator.MeanRate, 9);  // over the 10 steps simulated
    }

    [BackendFact]
    public void AModelThatStaysFiniteRunsToTheEnd()
    {
        var network = Models.Network(NonFiniteCases.Cases["log of a negative"].Model, "duration=5 ms");
        var result = Run(network);
        Assert.Null(result.Failure);
        Assert.Equal(network.Settings.Steps, result.Steps);
    }
}
