using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>Learning on chip: pair STDP recognised in the IR, put into a learning engine's integers, and run by the emulator as the engine would.</summary>
public class LearningTests
{
    private static Network CubaStdp(params string[] overrides) => Models.CompileFile(Repository.Path("samples", "cuba_stdp.neuro"), overrides).Network!;

    [Fact]
    public void StdPlasticitysStdpIsRecognisedAsPairStdpWithItsNumbers()
    {
        var network = CubaStdp();
        var rule = PairStdpForm.Recognise(network.Projections[0], out _)!;
        Assert.NotNull(rule);
        Assert.Equal(16.8e-3, rule.TauPre, 12);
        Assert.Equal(33.7e-3, rule.TauPost, 12);
        Assert.Equal(0.01, rule.PreImpulse, 12);
        Assert.Equal(0.0105, rule.PostImpulse, 12);
        // Δw = −apost·wmax on pre, +apre·wmax on post, within [0, wmax]: wmax = 3.24 mV.
        Assert.Equal(3.24e-3, rule.Depression, 12);
        Assert.Equal(3.24e-3, rule.Potentiation, 12);
        Assert.Equal(0.0, rule.WMin);
        Assert.Equal(3.24e-3, rule.WMax, 12);
        Assert.Equal("w", network.Projections[0].Synapse.Parameters[rule.Weight].Name);
    }

    [Theory]
    [InlineData("STDPMultiplicative")]
    [InlineData("TripletSTDP")]
    public void OtherRulesAreNotTakenForPairStdp(string type)
    {
        var network = Models.Network($$"""
            import "std/plasticity"
            neuron N { state v = 0 mV }
            population P = N[4]
            projection p = P -> P : {{type}} { connect all_to_all; target = v; wmax = 1 mV }
            """);
        Assert.Null(PairStdpForm.Recognise(network.Projections[0], out var why));
        Assert.Contains("not additive pair STDP", why);
    }

    [Fact]
    public void TheEnginesIntegersAreTheRuleInTraceAndMantissaSteps()
    {
        var rule = new PairStdpForm(0, 16.8e-3, 33.7e-3, 0.01, 0.0105, 3.24e-3, 3.24e-3, 0, 3.24e-3);
        // 7-bit traces: an impulse of 16 is 0.01; 0.0105 is 16.8 → 17. A weight step of 2^2 · 6.91 µV.
        double step = 4 * 6.9104e-6;
        var learning = LearningQuantiser.Quantise(0, rule, 7, 4096, 1e-3, step, 8);
        var c = learning.Configuration;
        Assert.Equal((16, 17), (c.PreImpulse, c.PostImpulse));
        // d = round(4096 (1 − e^(−1/16.8))) = 237 and round(4096 (1 − e^(−1/33.7))) = 120.
        Assert.Equal((237, 120), (c.PreDecay, c.PostDecay));
        Assert.Equal(16.8e-3, learning.RealisedTauPre, 4);
        // One trace integer is 0.01 / 16 of wmax: 3.24e-3 · 0.000625 / step mantissa steps.
        Assert.Equal(3.24e-3 * 0.000625 / step, new FixedPoint(c.PotentiationMantissa, c.PotentiationShift).Value, 5);
        Assert.Equal((0, 117), (c.WeightMin, c.WeightMax));
    }

    /// <summary>One axon onto one neuron, learning with coefficients of exactly 1 and no decay: every product is the trace itself.</summary>
    [Fact]
    public void TheEngineFollowsAHandComputedTrace()
    {
        var rule = new LearningConfiguration(0, LearningQuantiser.PairStdp, 7, 4096, 0, 0, 16, 10, 32768, 15, 32768, 15, 0, 100);
        var engine = new PairStdpEngine(1, ImmutableArray.Create(rule), new[] { (0, 1, 0, 0, 0) });
        var mantissas = new[] { 50 };
        engine.Arrived(0, 1, mantissas);       // x = 16; y = 0: no depression
        Assert.Equal(50, mantissas[0]);
        engine.Spiked(0, 0, 2, mantissas);     // y = 10; potentiation by x = 16
        Assert.Equal(66, mantissas[0]);
        engine.Arrived(0, 3, mantissas);       // x = 32; depression by y = 10
        Assert.Equal(56, mantissas[0]);
        engine.Arrived(0, 3, mantissas);       // the same step: x is raised once; depressed again by 10
        Assert.Equal(46, mantissas[0]);
        for (int k = 0; k < 10; k++)
        {
            engine.Spiked(0, 0, 4 + k, mantissas);   // + 32 each, held at the bound 100
        }
        Assert.Equal(100, mantissas[0]);
        engine.Decay(20);                       // d = 0: traces keep everything
        engine.Arrived(0, 21, mantissas);      // y = 10 + 10·10 = 110 (below 7 bits' 127): depressed by 110, held at 0
        Assert.Equal(0, mantissas[0]);
    }

    [Fact]
    public void CubaWithStdpLearnsOnALoihiLikeTargetAsTheModelDoes()
    {
        var network = CubaStdp("duration=4 s");
        int steps = (int)network.Settings.Steps;
        var recorded = network with
        {
            Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size)))
                .Append(new SynapseTraceRecording(0, 0, null, "w", new VariableRef(VariableSpace.SynapseParameter, 1), steps - 1, null)).ToImmutableArray(),
        };
        var ideal = ReferenceInterpreter.Run(recorded);
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var diagnostics = new DiagnosticBag();
        var target = CrossbarTargets.Repository("loihi-like");
        var mapping = DigitalMapper.Map(network, target, () => rates, new MappingOptions(), diagnostics)!;
        Assert.False(diagnostics.HasErrors);
        var learned = Assert.Single(mapping.Learning);
        var configuration = DigitalConfiguration.From(network, mapping, "", "");
        var report = DigitalFidelity.Compare(network, mapping, configuration, ideal);
        // Seed 1, 4 s: the weights fall from 1.62 mV (depression wins: Aminus·τpost > Aplus·τpre) on chip as in the model.
        var idealFinal = ideal.Traces.Single(t => t.OfSynapses).Values[^1];
        Assert.Contains(report.Notes, n => n.StartsWith("ee.w learned on chip"));
        string note = report.Notes.Single(n => n.StartsWith("ee.w learned on chip"));
        double mappedEnd = double.Parse(note.Split("at the start, ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        double idealChange = idealFinal.Average() - 1.62e-3;
        double mappedChange = mappedEnd - mapping.Projections[0].Mantissas.Average() * mapping.Projections[0].WeightStep;
        Assert.True(idealChange < -20e-6, $"the model's weights fell by {-idealChange}");
        Assert.InRange(mappedChange / idealChange, 0.7, 1.3);
        Assert.InRange(Assert.Single(report.Populations).RelativeError, -0.1, 0.1);
    }

    [Fact]
    public void TheLearningEngineReadsBackAsWrittenAndAWrongProjectionIsReported()
    {
        var network = CubaStdp("duration=100 ms");
        var diagnostics = new DiagnosticBag();
        var target = CrossbarTargets.Repository("loihi-like");
        var mapping = DigitalMapper.Map(network, target, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics)!;
        var configuration = DigitalConfiguration.From(network, mapping, "m", "t");
        string temporary = Directory.CreateTempSubdirectory("neuroc-learning-").FullName;
        string folder = Path.Combine(temporary, "configuration"); // its lock file beside it, inside the temporary folder
        try
        {
            using (var atomic = new NeuroCompiler.Output.AtomicDirectory(folder))
            {
                ConfigurationWriter.Write(configuration, atomic);
                atomic.Commit();
            }
            var read = ConfigurationReader.Read(folder, (DigitalHardware)target.Hardware, diagnostics);
            Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
            Assert.Equal(configuration.Learning.ToArray(), read!.Learning.ToArray());
            string manifest = Path.Combine(folder, "manifest.json");
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"trace_bits\": 7", "\"trace_bits\": 9"));
            Assert.Null(ConfigurationReader.Read(folder, (DigitalHardware)target.Hardware, diagnostics));
            Assert.Contains(diagnostics.Items, d => d.Message.Contains("'learning[0].trace_bits' is 9"));
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    [Fact]
    public void ALearningProjectionWithUnequalDelaysOrARuleTheEngineLacksIsAnError()
    {
        var target = CrossbarTargets.Repository("loihi-like");
        var diagnostics = new DiagnosticBag();
        var uneven = Models.CompileText(File.ReadAllText(Repository.Path("samples", "cuba_stdp.neuro"))
            .Replace("wmax = 3.24 mV; w = 1.62 mV }", "wmax = 3.24 mV; w = 1.62 mV; delay = uniform(1 ms, 3 ms) }"), "duration=100 ms").Network!;
        Assert.Null(DigitalMapper.Map(uneven, target, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0712" && d.Message.Contains("the learning engine keeps one trace per input axon"));
        var triplet = Models.CompileText(File.ReadAllText(Repository.Path("samples", "cuba_stdp.neuro")).Replace(": STDP {", ": TripletSTDP {"), "duration=100 ms").Network!;
        diagnostics = new DiagnosticBag();
        Assert.Null(DigitalMapper.Map(triplet, target, () => new Dictionary<int, double> { [0] = 5 }, new MappingOptions(), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.CodeText == "NC0713" && d.Message.Contains("cannot run it: its rule is not additive pair STDP") &&
            d.Message.Contains("--freeze-learning"));
    }
}
