using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Task trials: lowered to steps and ranges, scored by hand, and compared on the ideal and the mapped run.</summary>
public class TaskAccuracyTests
{
    private static Network Recall(params string[] overrides) => Models.CompileFile(Repository.Path("samples", "pattern_recall.neuro"), overrides).Network!;

    [Fact]
    public void TrialsAreLoweredToStepsAndRanges()
    {
        var network = Recall();
        Assert.Equal(new[] { "recall_a", "recall_b", "recall_c", "recall_d" }, network.Tasks.Select(t => t.Name));
        var a = network.Tasks[0];
        int e = network.Populations.Single(p => p.Name == "E").Index;
        // 250 ms for 150 ms at 0.1 ms.
        Assert.Equal((2500L, 1500L), (a.StartStep, a.Steps));
        Assert.Equal(new PopulationRange(e, 25, 25), a.Target);
        Assert.Equal(new PopulationRange(e, 75, 25), a.Reference);
    }

    [Fact]
    public void ATrialPassesWhenItsTargetFiresFasterThanItsReference()
    {
        var network = Recall();
        int e = network.Populations.Single(p => p.Name == "E").Index;
        // recall_a's window is [250, 400) ms: 25 target neurons, 50 spikes in it → 50 / (25 · 0.15 s) = 13.3 Hz; reference 10 spikes → 2.7 Hz.
        // recall_b's window [650, 800): its target E[75:100] silent, its reference E[125:150] 5 spikes: failed.
        var spikes = Enumerable.Range(0, 50).Select(k => (e, 25 + k % 25, 0.25 + k * 0.002))
            .Concat(Enumerable.Range(0, 10).Select(k => (e, 75 + k, 0.3)))
            .Concat(Enumerable.Range(0, 5).Select(k => (e, 125 + k, 0.7)))
            .Append((e, 25, 0.4))      // at the window's end: not in it
            .Append((e, 30, 0.1));     // before it
        var scores = TaskAccuracy.Score(network, spikes);
        Assert.Equal(50 / (25 * 0.15), scores[0].TargetRate, 9);
        Assert.Equal(10 / (25 * 0.15), scores[0].ReferenceRate, 9);
        Assert.True(scores[0].Passed);
        Assert.False(scores[1].Passed);
        Assert.False(scores[2].Passed);   // 0 > 0 is not passed
        Assert.Equal(0.25, TaskAccuracy.Accuracy(scores));
    }

    [Fact]
    public void VerifyScoresTheTaskOnTheIdealAndTheMappedRun()
    {
        var network = Recall();
        var recorded = network with { Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size))).ToImmutableArray() };
        var ideal = Host.ReferenceInterpreter.Run(recorded);
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var diagnostics = new DiagnosticBag();
        var target = CrossbarTargets.Repository("loihi-like");
        var mapping = TargetRegistry.Families[target.Family].Map(new MappingRequest(network, target, () => rates, new MappingOptions()), diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
        var report = Assert.Single(mapping.Verify(ideal, VerificationOptions.Default).Points).Report;
        // The Poisson sources are inputs from outside: only E and I are on the cores.
        Assert.Equal(new[] { "E", "I" }, report.Populations.Select(p => p.Population));
        // Seed 3: four recalls, all passed in the model and on loihi-like (recall_a: 42 vs 0.3 Hz, on chip 36 vs 0.3 Hz).
        Assert.Equal(4, report.IdealTask.Count(t => t.Passed));
        Assert.Equal(4, report.MappedTask.Count(t => t.Passed));
        Assert.Contains(report.Notes, n => n.StartsWith("task: ideal 4 of 4 trials (100 %), mapped 4 of 4 (100 %)"));
    }

    [Fact]
    public void AStimulusThatActsOnNeuronsDirectlyCannotBeMapped()
    {
        var network = Models.CompileFile(Repository.Path("samples", "assembly_memory.neuro"), "duration=100 ms").Network!;
        var diagnostics = new DiagnosticBag();
        var target = CrossbarTargets.Repository("loihi-like");
        Assert.Null(TargetRegistry.Families[target.Family].Map(new MappingRequest(network, target, () => new Dictionary<int, double>(),
            new MappingOptions(FreezeLearning: true)), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0712" && d.Message.StartsWith("stimulus 'background' acts on 'E' directly") &&
            d.Message.Contains("drive the neurons from an input population"));
    }
}
