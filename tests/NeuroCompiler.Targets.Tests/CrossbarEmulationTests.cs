using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Host;
using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Emulation;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>The crossbar emulator: hand-computed integer traces without noise; the same seed, the same noisy device; drift as the target describes it.</summary>
public class CrossbarEmulationTests
{
    /// <summary>
    /// One tile, one row (input population 1, neuron 0, delay 1) onto one neuron: G+ at level 15 (16 µS), G− at the
    /// base (1 µS), read at 1 V: 15 µA, the ADC's full scale (127 codes), and a gain of 1 (32768 / 2^15).
    /// The membrane loses v ≫ 3, the current x ≫ 1, each step.
    /// </summary>
    private static CrossbarConfiguration OneNeuron(long threshold, int rows = 1) => new("hand", "", "tiny", "", 1, 1e-3, false, false,
        ImmutableArray.Create(new NeuronConfiguration(0, "P", 1, "v", ImmutableArray.Create(("v", ImmutableArray.Create(3)), ("x", ImmutableArray.Create(1))),
            threshold, Bias: 0, Rest: 0, RefractorySteps: 0)),
        ImmutableArray.Create(new ColumnGroup(0, 0, "x", new CellEncoding(WeightScheme.Differential, 16, 1, 1e-6, 16e-6, 1), 15e-6, 1, 32768, 15, 1)),
        ImmutableArray.Create(new CrossbarTile(0, 0, 0, 1,
            Enumerable.Range(0, rows).Select(r => new TileRow(1, r, 1)).ToImmutableArray(),
            Enumerable.Range(0, rows).Select(r => new TileCell(r, 0, 15)).ToImmutableArray(), rows, 2)));

    private static CrossbarHardware Tiny(string device = "") => (CrossbarHardware)CrossbarTargets.Tiny(device: device).Hardware;

    [Theory]
    // The spike of step 0 arrives at step 1: x = 127. Step 2: v = 127, x = 64. Step 3: v = 127 − 15 + 64 = 176, x = 32.
    // Step 4: v = 176 − 22 + 32 = 186, x = 16. Step 5: v = 186 − 23 + 16 = 179: 186 is the peak.
    [InlineData(126, new long[] { 2 })]
    [InlineData(175, new long[] { 3 })]
    [InlineData(185, new long[] { 4 })]
    [InlineData(186, new long[0])]
    public void ASmallNetworkFollowsTheHandComputedIntegerTrace(long threshold, long[] expected)
    {
        var emulator = new CrossbarEmulator(OneNeuron(threshold), Tiny(), 1, 1, _ => new long[1]);
        var spikes = emulator.Run(10, new[] { new DeviceSpike(0, 1, 0) });
        Assert.Equal(expected, spikes.Select(s => s.Step));
        Assert.Equal(new CrossbarCounts(1, 0), emulator.Counts);
    }

    [Fact]
    public void TwoRowsAtFullWeightOverflowAnAdcRangedForOneAndAreCounted()
    {
        // 30 µA is 254 codes: the ADC clips at 127, so x gains 127, as from one row: the same trace, peak 186.
        var emulator = new CrossbarEmulator(OneNeuron(185, rows: 2), Tiny(), 1, 1, _ => new long[1]);
        var spikes = emulator.Run(10, new[] { new DeviceSpike(0, 1, 0), new DeviceSpike(0, 1, 1) });
        Assert.Equal(new long[] { 4 }, spikes.Select(s => s.Step));
        Assert.Equal(new CrossbarCounts(1, 1), emulator.Counts);
    }

    private static (Network, CrossbarMapping) Mapped(string seed)
    {
        var network = Models.Network(CrossbarTargets.Network(16, 8, weight: "(i - 3) * 0.7 mV"), $"seed={seed}", "duration=200 ms");
        var target = CrossbarTargets.Repository("pcm-256");
        var diagnostics = new DiagnosticBag();
        var mapping = CrossbarMapper.Map(new MappingRequest(network, target, () => new Dictionary<int, double> { [0] = 50 }, new MappingOptions()), diagnostics)!;
        return (network, mapping);
    }

    private static ImmutableArray<DeviceSpike> Emulate(Network network, CrossbarMapping mapping, double time)
    {
        var configuration = CrossbarConfiguration.From(network, mapping, "", "");
        var inputs = Enumerable.Range(0, 200).SelectMany(t => Enumerable.Range(0, 16).Where(i => (t * 7 + i * 3) % 11 == 0).Select(i => new DeviceSpike(t, 0, i))).ToList();
        return new CrossbarEmulator(configuration, (CrossbarHardware)mapping.Target.Hardware, network.Settings.Seed, time, n => new long[n.Size]).Run(200, inputs);
    }

    [Fact]
    public void TheSameSeedGivesTheSameNoisyDeviceAndAnotherSeedAnother()
    {
        var (network, mapping) = Mapped("5");
        var first = Emulate(network, mapping, 3600);
        var again = Emulate(network, mapping, 3600);
        Assert.NotEmpty(first);
        Assert.Equal(first.ToArray(), again.ToArray());
        var (other, otherMapping) = Mapped("6");
        Assert.Equal(mapping.Tiles.SelectMany(t => t.Cells), otherMapping.Tiles.SelectMany(t => t.Cells));
        Assert.NotEqual(first.ToArray(), Emulate(other, otherMapping, 3600).ToArray());
    }

    [Fact]
    public void DriftExponentsAreInterpolatedInConductanceBetweenTheTargetsPoints()
    {
        var drift = ((CrossbarHardware)CrossbarTargets.Repository("pcm-256").Hardware).Device.Drift!;
        Assert.Equal((0.1, 0.04), ProgrammedArray.Nu(drift, 0.05e-6));
        var (mean, sd) = ProgrammedArray.Nu(drift, 15e-6);
        Assert.Equal(0.06, mean, 12);
        Assert.Equal(0.025, sd, 12);
        Assert.Equal((0.05, 0.02), ProgrammedArray.Nu(drift, 30e-6));
    }

    [Fact]
    public void PcmCellsDriftByThePublishedExponentOnAverage()
    {
        // pcm-256: at 25 µS, ν ~ N(0.05, 0.02), t0 = 20 s. After 2·10^5 s, ln(G(t)/G0) = −ν ln(10^4): mean −0.4605, spread 0.184.
        var device = ((CrossbarHardware)CrossbarTargets.Repository("pcm-256").Hardware).Device;
        var logs = new List<double>();
        for (int cell = 0; cell < 4000; cell++)
        {
            double g0 = ProgrammedArray.Conductance(device, 25e-6, 9, 0, cell / 256, cell % 256, 256, 20);
            double g = ProgrammedArray.Conductance(device, 25e-6, 9, 0, cell / 256, cell % 256, 256, 2e5);
            if (g0 != device.GMin && g0 != device.GMax)
            {
                logs.Add(Math.Log(g / g0));
            }
        }
        // About 1.5 % of cells are stuck (at g_min 1 %, at g_max 0.5 %) and left out.
        Assert.InRange(logs.Count, 3880, 3980);
        double average = logs.Average();
        double spread = Math.Sqrt(logs.Sum(l => (l - average) * (l - average)) / logs.Count);
        Assert.InRange(average, -0.4605 - 0.015, -0.4605 + 0.015);
        Assert.InRange(spread, 0.15, 0.2);
    }

    [Fact]
    public void OnANoiselessTargetAMappedNetworkKeepsItsRate()
    {
        var network = Models.Network(CrossbarTargets.Network(16, 8, weight: "4 mV + i * 0.5 mV"), "duration=400 ms", "precision=float64");
        var recorded = network with { Recordings = network.Populations.Select(p => (Recording)new SpikeRecording(new PopulationRange(p.Index, 0, p.Size))).ToImmutableArray() };
        var ideal = ReferenceInterpreter.Run(recorded);
        var rates = ideal.Populations.Select((p, i) => (i, p.MeanRate)).ToDictionary(p => p.i, p => p.MeanRate);
        var diagnostics = new DiagnosticBag();
        var mapping = CrossbarMapper.Map(new MappingRequest(network, CrossbarTargets.Tiny(), () => rates, new MappingOptions()), diagnostics)!;
        var fidelity = CrossbarFidelity.Compare(network, mapping, CrossbarConfiguration.From(network, mapping, "", ""), ideal, new VerificationOptions(ImmutableArray.Create(1.0)));
        var p = Assert.Single(Assert.Single(fidelity.Points).Report.Populations);
        Assert.True(p.IdealRate > 20, $"ideal rate {p.IdealRate}");
        Assert.InRange(p.RelativeError, -0.1, 0.1);
        Assert.Equal(1.0, fidelity.ReprogramWithin);
    }
}
