using NeuroCompiler.IR;
using NeuroCompiler.TestSupport;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Tests;

/// <summary>LIF neurons are recognised from their IR, and put into a digital core's integers with the time constants they get.</summary>
public class NeuronMappingTests
{
    private static Network Cuba() => Models.CompileFile(Repository.Path("samples", "cuba.neuro")).Network!;

    [Fact]
    public void CubasNeuronIsLeakyIntegrateAndFire()
    {
        var network = Cuba();
        var form = LifForm.Recognise(network, network.Populations[0], out var why)!;
        Assert.Null(why);
        Assert.Equal("v", network.Populations[0].Model!.States[form.Membrane].Name);
        Assert.Equal(-0.050, form.Threshold, 12);
        Assert.Equal(-0.060, form.Reset, 12);
        Assert.Equal(-0.049, form.Rest, 9);                 // El
        Assert.Equal(50, form.RefractorySteps);             // 5 ms at 0.1 ms
        var taus = form.States.ToDictionary(s => s.Name, s => s.Tau);
        Assert.Equal(0.020, taus["v"], 9);
        Assert.Equal(0.005, taus["ge"], 9);
        Assert.Equal(0.010, taus["gi"], 9);
        Assert.Equal(2, form.Couplings.Length);             // ge and gi feed v
    }

    [Theory]
    [InlineData("neuron N { state v = 0 mV; dv/dt = -v**2 / (1 mV * 10 ms); threshold v > 1 mV; reset { v = 0 mV } }", "not linear")]
    [InlineData("neuron N { state v = 0 mV; dv/dt = -v / (10 ms); threshold v > 1 mV and v < 5 mV; reset { v = 0 mV } }", "threshold")]
    [InlineData("neuron N { state v = 0 mV; dv/dt = -v / (10 ms); threshold v > 1 mV; reset { v -= 1 mV } }", "reset does not set 'v' to a constant")]
    [InlineData("neuron N { state v = 0 mV; state w = 0 mV; dv/dt = (w - v) / (10 ms); dw/dt = (v - w) / (50 ms); threshold v > 1 mV; reset { v = 0 mV } }", "'w' does more than decay")]
    public void OtherNeuronsSayWhyTheyAreNot(string neuron, string reason)
    {
        var network = Models.Network(neuron + "\npopulation P = N[3]");
        Assert.Null(LifForm.Recognise(network, network.Populations[0], out var why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void OnALoihiLikeCoreTheTimeConstantsComeOutWithinAPercent()
    {
        var network = Cuba();
        var form = LifForm.Recognise(network, network.Populations[0], out _)!;
        var formats = new NumberFormats(1, 8, -8, 7, 12, 4096, 24, 17);
        var neuron = DigitalNeuronQuantiser.Quantise(form, formats, modelDt: 1e-4, deviceDt: 1e-3);
        Assert.Equal(5, neuron.RefractorySteps);            // 5 ms
        Assert.Equal("v", neuron.Membrane);
        foreach (var decay in neuron.Decays)
        {
            Assert.InRange(decay.Decay, 1, 4095);
            Assert.Equal(decay.RequestedTau, decay.RealisedTau, decay.RequestedTau * 0.01);
        }
        Assert.Equal(742, neuron.Decays.Single(d => d.State == "ge").Decay);   // round(4096 (1 - exp(-1/5))) = round(742.48)
        Assert.Equal(1L << 15, neuron.Threshold);
        Assert.Equal(-0.050, neuron.RealisedThreshold, 12);
        Assert.Equal(-0.049, neuron.RealisedRest, 6);
        Assert.Equal(0.010 / 32768, neuron.MembraneUnit, 15);
        // Without input v settles where bias = v d_v / unity: at the rest potential, to the integer.
        int dv = neuron.Decays.Single(d => d.State == "v").Decay;
        Assert.InRange(neuron.Bias * 4096.0 / dv - neuron.Rest, -4096.0 / dv, 4096.0 / dv);
        // One integer of ge adds one integer to v per step: its unit is the membrane's over the exact coupling.
        var (p, _) = form.Step(1e-3);
        int n = form.States.Length, m = form.Position(form.Membrane), e = form.States.Select(s => s.Name).ToList().IndexOf("ge");
        Assert.Equal(neuron.MembraneUnit / p[m * n + e], neuron.StateUnits.Single(u => u.State == "ge").Unit, 1e-18);
    }
}
