using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A time constant the model asks for and the one the device's integer decay gives.</summary>
public sealed record RealisedDecay(string State, double RequestedTau, int Decay, double RealisedTau);

/// <summary>
/// A LIF neuron in a digital core's integers: each state's decay d (x ← x · (unity − d) / unity), the
/// membrane's unit (volts, or the model's unit, per integer step), the threshold and the rest
/// potential as integers relative to the reset, and the refractory steps.
/// </summary>
public sealed record DigitalNeuron(ImmutableArray<RealisedDecay> Decays, double MembraneUnit, long Threshold, long Rest, int RefractorySteps,
    double RealisedThreshold, double RealisedRest);

/// <summary>Puts a <see cref="LifForm"/> into a digital target's number formats.</summary>
public static class DigitalNeuronQuantiser
{
    /// <summary>
    /// The device steps by <paramref name="deviceDt"/>, the model by <paramref name="modelDt"/>: a state keeps
    /// P_kk^(deviceDt / modelDt) of itself per device step (exact for a decay). Decays round to the nearest
    /// integer of <see cref="NumberFormats.DecayUnity"/> (d = round(unity (1 − kept)));
    /// the membrane unit makes the threshold, measured from the reset, a quarter of the threshold's
    /// range (2^(bits − 2)), leaving room above it; the rest potential rounds to that unit.
    /// </summary>
    public static DigitalNeuron Quantise(LifForm form, NumberFormats formats, double modelDt, double deviceDt)
    {
        int unity = formats.DecayUnity;
        double dt = deviceDt;
        var decays = form.States.Select(s =>
        {
            double perDeviceStep = Math.Pow(s.DecayPerStep, deviceDt / modelDt);
            int d = (int)Math.Clamp(Math.Round(unity * (1 - perDeviceStep), MidpointRounding.ToEven), 0, unity);
            double kept = (unity - d) / (double)unity;
            double tau = kept > 0 && kept < 1 ? -dt / Math.Log(kept) : d == 0 ? double.PositiveInfinity : 0;
            return new RealisedDecay(s.Name, s.Tau, d, tau);
        }).ToImmutableArray();
        long thresholdSteps = 1L << Math.Max(0, formats.ThresholdBits - 2);
        double span = form.Threshold - form.Reset;
        double unit = span > 0 ? span / thresholdSteps : 1;
        long rest = (long)Math.Round((form.Rest - form.Reset) / unit, MidpointRounding.ToEven);
        return new DigitalNeuron(decays, unit, thresholdSteps, rest, form.RefractorySteps, form.Reset + thresholdSteps * unit, form.Reset + rest * unit);
    }
}
