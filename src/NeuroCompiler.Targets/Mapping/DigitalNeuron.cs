using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A time constant the model asks for and the one the device's integer decay gives.</summary>
public sealed record RealisedDecay(string State, double RequestedTau, int Decay, double RealisedTau);

/// <summary>
/// A LIF neuron in a digital core's integers, updated every device step as
///   x_k ← x_k (unity − d_k) / unity + input,   v ← v (unity − d_v) / unity + Σ_k x_k + bias,
/// all measured from the reset potential. <see cref="MembraneUnit"/> is what one integer of v means
/// (in the model's unit of v); each other state's unit (<see cref="StateUnits"/>) is chosen so that one
/// integer of it adds one integer to v per step, as the model's exact coupling over a device step
/// does. <see cref="Bias"/> holds v at the rest potential without input.
/// </summary>
public sealed record DigitalNeuron(string Membrane, ImmutableArray<RealisedDecay> Decays, double MembraneUnit, ImmutableArray<(string State, double Unit)> StateUnits,
    long Threshold, long Rest, long Bias, int RefractorySteps, double RealisedThreshold, double RealisedRest);

/// <summary>Puts a <see cref="LifForm"/> into a digital target's number formats.</summary>
public static class DigitalNeuronQuantiser
{
    /// <summary>
    /// The model's exact update over one device step (<paramref name="deviceDt"/>) gives each state the fraction
    /// it keeps, P_kk; decays round to the nearest integer of <see cref="NumberFormats.DecayUnity"/>
    /// (d = round(unity (1 − P_kk)));
    /// the membrane unit makes the threshold, measured from the reset, a quarter of the threshold's
    /// range (2^(bits − 2)), leaving room above it; the rest potential rounds to that unit.
    /// </summary>
    /// <para>The refractory period becomes whole device steps (the model's steps × <paramref name="modelDt"/> / <paramref name="deviceDt"/>, rounded).</para>
    public static DigitalNeuron Quantise(LifForm form, NumberFormats formats, double modelDt, double deviceDt)
    {
        int unity = formats.DecayUnity;
        var (p, _) = form.Step(deviceDt);
        int n = form.States.Length;
        int m = form.Position(form.Membrane);
        var decays = form.States.Select((s, k) =>
        {
            double kept = p[k * n + k];
            int d = (int)Math.Clamp(Math.Round(unity * (1 - kept), MidpointRounding.ToEven), 0, unity);
            double realisedKept = (unity - d) / (double)unity;
            double tau = realisedKept > 0 && realisedKept < 1 ? -deviceDt / Math.Log(realisedKept) : d == 0 ? double.PositiveInfinity : 0;
            return new RealisedDecay(s.Name, s.Tau, d, tau);
        }).ToImmutableArray();
        long thresholdSteps = 1L << Math.Max(0, formats.ThresholdBits - 2);
        double span = form.Threshold - form.Reset;
        double unit = span > 0 ? span / thresholdSteps : 1;
        long rest = (long)Math.Round((form.Rest - form.Reset) / unit, MidpointRounding.ToEven);
        int membraneDecay = decays[m].Decay;
        long bias = (long)Math.Round(rest * (double)membraneDecay / unity, MidpointRounding.ToEven);
        var units = form.States.Select((s, k) => (s.Name, k == m ? unit : p[m * n + k] != 0 ? unit / p[m * n + k] : 0)).ToImmutableArray();
        int refractory = (int)Math.Round(form.RefractorySteps * modelDt / deviceDt, MidpointRounding.AwayFromZero);
        return new DigitalNeuron(form.MembraneState.Name, decays, unit, units, thresholdSteps, rest, bias, refractory,
            form.Reset + thresholdSteps * unit, form.Reset + rest * unit);
    }
}
