using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.IR;
using NeuroCompiler.Output;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>
/// A digital core whose neuron circuit decays by shifts (truenorth-like): the mapping chooses shifts, holds v at rest
/// under them, and coarsens the membrane unit where the weights would not fit; the emulator runs the shifts to the bit;
/// the configuration carries them and reads back as written.
/// </summary>
public sealed class ShiftDecayCoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroc-shift-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DigitalHardware Hardware(string name) =>
        (DigitalHardware)TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", name + ".json")), name + ".json"), new DiagnosticBag())!.Hardware;

    private static Network Cuba() => Models.CompileFile(Repository.Path("samples", "cuba.neuro")).Network!;

    /// <summary>
    /// One core with one neuron: v decays by ≫2 and ≫3, x by ≫1; bias 2; input 1:1 gives −601 and input 1:0 +900 to x
    /// (two projections, exponent 0, delay 1); no refractory period.
    /// </summary>
    private static DigitalConfiguration OneNeuron(long threshold) => new("hand", "", "truenorth-like", "", 1, 1e-3,
        ImmutableArray.Create(new ProjectionConfiguration(0, "exc", "x", 0), new ProjectionConfiguration(1, "inh", "x", 0)),
        ImmutableArray.Create(new CoreConfiguration(0, 0, 0, 0, 0, 0, 1, "v",
            ImmutableArray.Create(CoreDecay.Shift("v", ImmutableArray.Create(2, 3)), CoreDecay.Shift("x", ImmutableArray.Create(1))),
            threshold, Bias: 2, Rest: 0, RefractorySteps: 0,
            ImmutableArray.Create(new ConfiguredSynapse(0, 1, 0, 0, 900, 1), new ConfiguredSynapse(1, 1, 1, 0, -601, 1)), ImmutableArray<int>.Empty)));

    [Theory]
    [InlineData(333, new long[] { 4, 5 })]
    [InlineData(334, new long[] { 5 })]
    [InlineData(586, new long[] { 5 })]
    [InlineData(587, new long[0])]
    public void AShiftDecayCoreFollowsTheHandComputedIntegerTrace(long threshold, long[] expected)
    {
        // Input 1:1 fires at step 0 (−601 arrives at 1), input 1:0 at step 2 (+900 arrives at 3). By hand, v ← v − (v ≫ 2) −
        // (v ≫ 3) + x + 2 with x from the start of the step, x ← x − (x ≫ 1); shifts round toward −∞:
        //   step 0: v = 2;                                          x = 0
        //   step 1: v = 2 − 0 − 0 + 0 + 2 = 4;                      x = 0, then − 601 = −601
        //   step 2: v = 4 − 1 − 0 − 601 + 2 = −596;                 x = −601 − (−301) = −300
        //   step 3: v = −596 − (−149) − (−75) − 300 + 2 = −670;     x = −300 − (−150) = −150, then + 900 = 750
        //   step 4: v = −670 − (−168) − (−84) + 750 + 2 = 334;      x = 750 − 375 = 375
        //   step 5: v = 334 − 83 − 41 + 375 + 2 = 587;              x = 375 − 187 = 188
        //   step 6: v = 587 − 146 − 73 + 188 + 2 = 558              (then it falls)
        // (Rounding toward zero would give −74, −167, −83, −150: v = 331 at step 4 and 585 at step 5.)
        // A spike (v > threshold) resets v to 0: at threshold 333, step 5 gives 0 + 375 + 2 = 377, a second spike.
        var spikes = new DigitalEmulator(OneNeuron(threshold), 20, 1, (_, _) => 0).Run(9, new[] { new DeviceSpike(0, 1, 1), new DeviceSpike(2, 1, 0) });
        Assert.Equal(expected, spikes.Select(s => s.Step));
    }

    [Fact]
    public void CubasNeuronOnATrueNorthLikeCoreDecaysByShiftsAndItsBiasHoldsRest()
    {
        var network = Cuba();
        var form = LifForm.Recognise(network, network.Populations[0], out _)!;
        var hardware = Hardware("truenorth-like");
        var neuron = DigitalNeuronQuantiser.Quantise(form, hardware.Formats, network.Settings.Dt, 1e-3, hardware.Neuron);
        // Two shifts each (decay_terms 2): 1 − e^−1/20 = 0.0488 → ≫5 ≫6 (0.046875); 1 − e^−1/5 = 0.181 → ≫3 ≫4 (0.1875);
        // 1 − e^−1/10 = 0.095 → ≫4 ≫5 (0.09375).
        Assert.Equal(new[] { "v:5,6", "ge:3,4", "gi:4,5" }, neuron.Decays.Select(d => $"{d.State}:{string.Join(",", d.Shifts)}"));
        Assert.Equal(-1 / Math.Log(1 - 3 / 64.0) * 1e-3, neuron.Decays[0].RealisedTau, 1e-12);
        Assert.Equal(-1 / Math.Log(1 - 3 / 16.0) * 1e-3, neuron.Decays[1].RealisedTau, 1e-12);
        Assert.Equal("its neurons decay by up to 2 shifts (x − Σ x ≫ k) per 1 ms step, and the nearest, ≫5, ≫6, gives τ = 20.829 ms",
            neuron.Decays[0].Realisation(hardware.Formats, hardware.Neuron));
        // Without the weights to fit, the threshold is 2^16 (18 bits): rest is El − Vr = 11 mV, 1.1 × 65536 = 72090 (72089.6),
        // and v − (v ≫ 5) − (v ≫ 6) + bias holds there with bias = rest · 3/64 = 3379.2 → 3379 (not 0, as integers of unity 1 gave).
        Assert.Equal(65536, neuron.Threshold);
        Assert.Equal(72090, neuron.Rest);
        Assert.Equal(3379, neuron.Bias);
        // The configuration carries the shifts; a relay core's "no decay" is no shifts.
        Assert.Equal("v:[5,6]", CoreDecay.Shift("v", neuron.Decays[0].Shifts).ToString());
    }

    [Fact]
    public void TheMembraneUnitMakesCubasWeightsFitTrueNorthLikesNineBits()
    {
        var network = Cuba();
        var form = LifForm.Recognise(network, network.Populations[0], out _)!;
        var hardware = Hardware("truenorth-like");
        var weights = network.Projections.ToDictionary(p => p.Index, p => ProjectionWeights.Of(p, false, out _)!);
        var largest = DigitalNeuronQuantiser.LargestWeights(network, weights, 0);
        Assert.Equal(0.00162, largest["ge"], 12);
        Assert.Equal(0.009, largest["gi"], 12);
        // By hand: one integer of gi adds P_vi integers' worth of v over a 1 ms step, P_vi = τi/(τi − τm) (e^−1/τi − e^−1/τm)
        // = −(0.904837 − 0.951229) = 0.046392. At the usual unit, 10 mV / 2^16, 9 mV of gi is 9 · 0.046392 · 6553.6 = 2736
        // integers, beyond 255 (9 bits, no exponent). The threshold T must keep 9 mV · P_vi · T / 10 mV ≤ 255:
        // T = floor(2550 / (9 · 0.046392)) = floor(6107.4) = 6107 (ge's 1.62 mV needs less: P_ve = 0.044166).
        double pvi = 10.0 / (10 - 20) * (Math.Exp(-1 / 10.0) - Math.Exp(-1 / 20.0));
        Assert.Equal(6107, (long)Math.Floor(255 * 10.0 / (9 * pvi)));
        var neuron = DigitalNeuronQuantiser.Quantise(form, hardware.Formats, network.Settings.Dt, 1e-3, hardware.Neuron, largest);
        Assert.Equal(6107, neuron.Threshold);
        Assert.Equal(0.010 / 6107, neuron.MembraneUnit, 1e-15);
        Assert.Equal(-0.050, neuron.RealisedThreshold, 12);
        Assert.Equal(6718, neuron.Rest);                         // 1.1 × 6107 = 6717.7
        Assert.Equal(315, neuron.Bias);                          // 6718 · 3/64 = 314.9
        // As the mapper quantises them: nothing clipped, inh at the end of the range; one integer more and it would clip.
        foreach (var projection in network.Projections)
        {
            var w = weights[projection.Index];
            string state = form.States.Single(s => s.Slot == w.TargetState).Name;
            double unit = neuron.StateUnits.Single(u => u.State == state).Unit;
            var digital = WeightQuantiser.Digital(w.Values, 9, 0, 0, unit);
            Assert.Equal(0, digital.Quantised.Stats.ClippedFraction);
            Assert.Equal(state == "gi" ? -255 : 44, digital.Mantissas.Max(Math.Abs) * Math.Sign(w.Values[0]));
        }
        var (p, _) = form.Step(1e-3);
        int n = form.States.Length, m = form.Position(form.Membrane), i = form.States.ToList().FindIndex(s => s.Name == "gi");
        Assert.True(0.009 > 255 * (0.010 / 6108) / p[m * n + i], "at 6108 gi's largest weight would clip");
    }

    [Fact]
    public void WhereTheWeightsFitTheUnitIsTheUsualOne()
    {
        // loihi-like: 8-bit weights with exponents up to 7 reach 127 · 128 = 16256 integers; gi's 9 mV is 1368 at 10 mV / 2^15.
        var network = Cuba();
        var form = LifForm.Recognise(network, network.Populations[0], out _)!;
        var hardware = Hardware("loihi-like");
        var weights = network.Projections.ToDictionary(p => p.Index, p => ProjectionWeights.Of(p, false, out _)!);
        var neuron = DigitalNeuronQuantiser.Quantise(form, hardware.Formats, network.Settings.Dt, 1e-3, hardware.Neuron,
            DigitalNeuronQuantiser.LargestWeights(network, weights, 0));
        Assert.Equal(1L << 15, neuron.Threshold);
        var before = DigitalNeuronQuantiser.Quantise(form, hardware.Formats, network.Settings.Dt, 1e-3);
        Assert.Equal((before.Threshold, before.Rest, before.Bias, before.MembraneUnit), (neuron.Threshold, neuron.Rest, neuron.Bias, neuron.MembraneUnit));
        Assert.Equal(before.Decays.Select(d => d.Decay), neuron.Decays.Select(d => d.Decay));
        Assert.All(neuron.Decays, d => Assert.False(d.IsShift));
    }

    private string Write(DigitalConfiguration configuration, string name)
    {
        string folder = Path.Combine(_folder, name);
        using var atomic = new AtomicDirectory(folder);
        ConfigurationWriter.Write(configuration, atomic);
        atomic.Commit();
        return folder;
    }

    /// <summary>One core of truenorth-like without synapses, its decays <paramref name="decays"/>: all of a population of two neurons.</summary>
    private static DigitalConfiguration Hand(params CoreDecay[] decays) => new("hand", "m", "truenorth-like", "t", 7, 1e-3,
        ImmutableArray<ProjectionConfiguration>.Empty,
        ImmutableArray.Create(new CoreConfiguration(0, 0, 0, 0, 0, 0, 2, "v", decays.ToImmutableArray(), 6107, 420, 6718, 5,
            ImmutableArray<ConfiguredSynapse>.Empty, ImmutableArray<int>.Empty) { Initial = ImmutableArray.Create(0L, 12L) }))
    {
        Outline = new ModelOutline(1e-4, 0.1, ImmutableArray.Create(new ModelPopulation(0, "P", 2, OnChip: true))),
    };

    [Fact]
    public void ShiftDecaysReadBackAsWritten()
    {
        var hardware = Hardware("truenorth-like");
        var twoTerms = hardware with { Neuron = hardware.Neuron with { DecayTerms = 2 } };
        var configuration = Hand(CoreDecay.Shift("v", ImmutableArray.Create(5, 6)), CoreDecay.Shift("ge", ImmutableArray.Create(3)),
            CoreDecay.Shift("gi", ImmutableArray<int>.Empty));
        string folder = Write(configuration, "shifts");
        string core = File.ReadAllText(Path.Combine(folder, ConfigurationWriter.CoreFile(0)));
        Assert.Contains("\"decays\":{\"v\":[5,6],\"ge\":[3],\"gi\":[]}", core);
        Assert.Contains($"\"version\": {DigitalConfiguration.Version}", File.ReadAllText(Path.Combine(folder, "manifest.json")));
        foreach (var target in new[] { twoTerms, null })
        {
            var diagnostics = new DiagnosticBag();
            var read = ConfigurationReader.Read(folder, target, diagnostics);
            Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items.Select(d => d.Message)));
            Assert.True(configuration.Cores[0].Decays.SequenceEqual(read!.Cores[0].Decays));
            Assert.Equal(new[] { "v:[5,6]", "ge:[3]", "gi:[]" }, read.Cores[0].Decays.Select(d => d.ToString()));
            Assert.True(read.Cores[0].Decays[2].IsNone);
        }
        // Multiplier decays still read back as numbers, and the two kinds are not equal.
        Assert.NotEqual(CoreDecay.Multiplier("v", 0), CoreDecay.Shift("v", ImmutableArray<int>.Empty));
    }

    [Theory]
    [InlineData("\"v\":[5,6]", "\"v\":[5,6,7]", "has 3 shifts, and the target's neurons decay with at most 2")]
    [InlineData("\"v\":[5,6]", "\"v\":[5,5]", "are distinct whole numbers from 1 to 19")]
    [InlineData("\"v\":[5,6]", "\"v\":[20]", "are distinct whole numbers from 1 to 19")]
    [InlineData("\"v\":[5,6]", "\"v\":3", "is a number, and the target's neurons decay by shifts")]
    public void AShiftDecayTheTargetCannotRunIsReported(string find, string replace, string message)
    {
        string folder = Write(Hand(CoreDecay.Shift("v", ImmutableArray.Create(5, 6)), CoreDecay.Shift("ge", ImmutableArray.Create(3))), "damaged-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(folder, ConfigurationWriter.CoreFile(0));
        File.WriteAllText(path, File.ReadAllText(path).Replace(find, replace));
        var diagnostics = new DiagnosticBag();
        Assert.Null(ConfigurationReader.Read(folder, Hardware("truenorth-like"), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.IsError && d.Message.Contains(message));
    }

    [Fact]
    public void AListOfShiftsOnATargetThatDecaysByAMultiplierIsReported()
    {
        string folder = Write(Hand(CoreDecay.Shift("v", ImmutableArray.Create(4))), "multiplier");
        var diagnostics = new DiagnosticBag();
        Assert.Null(ConfigurationReader.Read(folder, Hardware("loihi-like"), diagnostics));
        Assert.Contains(diagnostics.Items, d => d.IsError && d.Message.Contains("is a list of shifts, and the target's neurons decay by a multiplier"));
    }
}
