using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>A crossbar's neuron circuit decays by shifts: the nearest sum of powers of two, and what time constant it realises.</summary>
public class ShiftNeuronTests
{
    [Theory]
    // τ = 20 ms at 1 ms: 1 − e^−0.05 = 0.04877. One shift: 1/16 (0.0625) is nearer than 1/32. Two: 1/32 + 1/64 = 0.046875.
    [InlineData(0.0487706, 1, new[] { 4 })]
    [InlineData(0.0487706, 2, new[] { 5, 6 })]
    // Three: 1/32 + 1/64 + 1/512 = 0.048828.
    [InlineData(0.0487706, 3, new[] { 5, 6, 9 })]
    [InlineData(0.5, 2, new[] { 1 })]
    [InlineData(0, 2, new int[0])]
    public void TheShiftsAreTheNearestSumOfPowersOfTwo(double loss, int terms, int[] expected)
    {
        Assert.Equal(expected, ShiftNeuronQuantiser.BestShifts(loss, terms, 15));
    }

    [Fact]
    public void AShiftDecayRoundsTowardMinusInfinity()
    {
        var shifts = ImmutableArray.Create(5, 6);
        Assert.Equal(1000 - 31 - 15, ShiftDecay.Apply(1000, shifts));
        Assert.Equal(-1000 + 32 + 16, ShiftDecay.Apply(-1000, shifts));
        Assert.Equal(0, ShiftDecay.Apply(0, shifts));
    }

    [Fact]
    public void CubasNeuronOnTheRramCircuitRealisesItsTimeConstantsWithinFivePercent()
    {
        var network = Models.CompileFile(Repository.Path("samples", "cuba.neuro")).Network!;
        var form = LifForm.Recognise(network, network.Populations[0], out _)!;
        var diagnostics = new DiagnosticBag();
        var rram = (CrossbarHardware)TargetRegistry.Read(SourceText.From(File.ReadAllText(Repository.Path("targets", "rram-1t1r-128.json")), "rram"), diagnostics)!.Hardware;
        var neuron = ShiftNeuronQuantiser.Quantise(form, rram.Neuron, network.Settings.Dt);
        Assert.All(neuron.Decays, d => Assert.InRange(d.RealisedTau / d.RequestedTau, 0.95, 1.05));
        Assert.Equal(new[] { 5, 6 }, neuron.Decays.Single(d => d.State == "v").Shifts);
        // The threshold is a quarter of the 16-bit state's range above the reset: 10 mV in 16384 steps.
        Assert.Equal(16384, neuron.Threshold);
        Assert.Equal(10e-3 / 16384, neuron.MembraneUnit, 1e-12);
        Assert.Equal(5, neuron.RefractorySteps);
    }
}
