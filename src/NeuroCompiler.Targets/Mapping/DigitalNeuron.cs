using NeuroCompiler.Core.Time;
using System.Collections.Immutable;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// A time constant the model asks for and the one the device's integer decay gives. On a circuit that decays by a
/// multiplier, <see cref="Decay"/> is d of the decay unity (x ← x (unity − d) / unity) and <see cref="Shifts"/> is default;
/// on one that decays by shifts, <see cref="Shifts"/> are the k of x ← x − Σ (x ≫ k), and <see cref="Decay"/> is 0 when there
/// are none (no decay) and −1 otherwise (it is no integer of the unity).
/// </summary>
public sealed record RealisedDecay(string State, double RequestedTau, int Decay, double RealisedTau, ImmutableArray<int> Shifts = default)
{
    /// <summary>Whether the decay is by shifts.</summary>
    public bool IsShift => !Shifts.IsDefault;

    /// <summary>The fraction lost per step: Σ 2^−k for shifts, d / <paramref name="unity"/> for a multiplier.</summary>
    public double Loss(int unity) => IsShift ? Shifts.Sum(k => Math.Pow(2, -k)) : Decay / (double)unity;

    /// <summary>The decay as the table shows it: d (of the unity), or the shifts (<c>≫4, ≫5</c>; <c>none</c> without).</summary>
    public string Describe() => !IsShift ? Decay.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Shifts.IsEmpty ? "none" : string.Join(", ", Shifts.Select(k => $"≫{k}"));

    /// <summary>
    /// What the circuit can do and what the nearest gives, for a warning that the time constant is not represented:
    /// "its decays are integers of … and the nearest, d of U, gives …", or for shifts "its neurons decay by up to n
    /// shift(s) … and the nearest, ≫k, gives …".
    /// </summary>
    public string Realisation(NumberFormats formats, NeuronCircuit circuit)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        int unity = formats.DecayUnity;
        string tau = string.Format(c, "τ = {0:0.###} ms", RealisedTau * 1e3);
        if (IsShift)
        {
            return string.Format(c, "its neurons decay by up to {0} shift{1} (x − Σ x ≫ k) per {2:0.###} ms step, and the nearest, {3}, gives {4}",
                circuit.DecayTerms, circuit.DecayTerms == 1 ? "" : "s", circuit.Timestep * 1e3, Describe(), Shifts.IsEmpty ? "no decay at all (τ = ∞)" : tau);
        }
        string realised = Decay == 0 ? "no decay at all (τ = ∞)" : Decay == unity ? "all of it lost every step (τ = 0)" : tau;
        return string.Format(c, "its decays are integers of {0} (1 = {1}) per {2:0.###} ms step, and the nearest, {3} of {1}, gives {4}",
            formats.DecayBits + " bits", unity, circuit.Timestep * 1e3, Decay, realised);
    }
}

/// <summary>
/// A LIF neuron in a digital core's integers, updated every device step as
///   x_k ← x_k (unity − d_k) / unity + input,   v ← v (unity − d_v) / unity + Σ_k x_k + bias
/// on a circuit that decays by a multiplier, or with x − Σ (x ≫ s) in place of x (unity − d) / unity on one that decays
/// by shifts, all measured from the reset potential. <see cref="MembraneUnit"/> is what one integer of v means
/// (in the model's unit of v); each other state's unit (<see cref="StateUnits"/>) is chosen so that one
/// integer of it adds one integer to v per step, as the model's exact coupling over a device step
/// does. <see cref="Bias"/> holds v at the rest potential without input, under the realised decay.
/// </summary>
public sealed record DigitalNeuron(string Membrane, ImmutableArray<RealisedDecay> Decays, double MembraneUnit, ImmutableArray<(string State, double Unit)> StateUnits,
    long Threshold, long Rest, long Bias, int RefractorySteps, double RealisedThreshold, double RealisedRest);

/// <summary>Puts a <see cref="LifForm"/> into a digital target's number formats.</summary>
public static class DigitalNeuronQuantiser
{
    /// <summary>
    /// The model's exact update over one device step (<paramref name="deviceDt"/>) gives each state the fraction
    /// it keeps, P_kk. On a circuit that decays by shifts (<paramref name="circuit"/>'s <c>decay</c> is <c>shift</c>),
    /// each state gets the up to <see cref="NeuronCircuit.DecayTerms"/> shifts (in 1 to the state bits − 1) whose
    /// Σ 2^−k is nearest 1 − P_kk (<see cref="ShiftNeuronQuantiser.BestShifts"/>); otherwise (a multiplier, and without a
    /// circuit) decays round to the nearest integer of <see cref="NumberFormats.DecayUnity"/> (d = round(unity (1 − P_kk))).
    /// The membrane unit makes the threshold, measured from the reset, a quarter of the threshold's range
    /// (2^(bits − 2)), leaving room above it, unless the largest incoming weight would not fit the target's weights
    /// at that unit (<see cref="ThresholdSteps"/>); the rest potential rounds to that unit, and the bias that holds v
    /// there is rest × the fraction the realised membrane decay loses per step.
    /// </summary>
    /// <para>The refractory period becomes whole device steps (the model's steps × <paramref name="modelDt"/> / <paramref name="deviceDt"/>, rounded).</para>
    /// <param name="largestWeights">The largest |weight| (in the model's units) arriving on each state, by state name; null: none considered.</param>
    public static DigitalNeuron Quantise(LifForm form, NumberFormats formats, double modelDt, double deviceDt, NeuronCircuit? circuit = null,
        IReadOnlyDictionary<string, double>? largestWeights = null)
    {
        int unity = formats.DecayUnity;
        bool shifts = circuit?.Decay == "shift";
        var (p, _) = form.Step(deviceDt);
        int n = form.States.Length;
        int m = form.Position(form.Membrane);
        var decays = form.States.Select((s, k) =>
        {
            double kept = p[k * n + k];
            if (shifts)
            {
                var chosen = ShiftNeuronQuantiser.BestShifts(1 - kept, circuit!.DecayTerms, formats.StateBits - 1);
                double shiftKept = 1 - chosen.Sum(x => Math.Pow(2, -x));
                double shiftTau = shiftKept > 0 && shiftKept < 1 ? -deviceDt / Math.Log(shiftKept) : chosen.IsEmpty ? double.PositiveInfinity : 0;
                return new RealisedDecay(s.Name, s.Tau, chosen.IsEmpty ? 0 : -1, shiftTau, chosen);
            }
            int d = (int)Math.Clamp(Math.Round(unity * (1 - kept), MidpointRounding.ToEven), 0, unity);
            double realisedKept = (unity - d) / (double)unity;
            double tau = realisedKept > 0 && realisedKept < 1 ? -deviceDt / Math.Log(realisedKept) : d == 0 ? double.PositiveInfinity : 0;
            return new RealisedDecay(s.Name, s.Tau, d, tau);
        }).ToImmutableArray();
        long thresholdSteps = ThresholdSteps(form, formats, p, largestWeights);
        double span = form.Threshold - form.Reset;
        double unit = span > 0 ? span / thresholdSteps : 1;
        long rest = (long)Math.Round((form.Rest - form.Reset) / unit, MidpointRounding.ToEven);
        long bias = decays[m].IsShift
            ? (long)Math.Round(rest * decays[m].Loss(unity), MidpointRounding.ToEven)
            : (long)Math.Round(rest * (double)decays[m].Decay / unity, MidpointRounding.ToEven);
        var units = Units(form, p, unit);
        int refractory = (int)TimeSteps.Round(form.RefractorySteps * modelDt, deviceDt);
        return new DigitalNeuron(form.MembraneState.Name, decays, unit, units, thresholdSteps, rest, bias, refractory,
            form.Reset + thresholdSteps * unit, form.Reset + rest * unit);
    }

    /// <summary>Each state's unit for a membrane unit <paramref name="unit"/>: one integer of it adds one integer to v per step (0 for a state that does not feed v).</summary>
    private static ImmutableArray<(string State, double Unit)> Units(LifForm form, double[] p, double unit)
    {
        int n = form.States.Length;
        int m = form.Position(form.Membrane);
        return form.States.Select((s, k) => (s.Name, k == m ? unit : p[m * n + k] != 0 ? unit / p[m * n + k] : 0)).ToImmutableArray();
    }

    /// <summary>
    /// The threshold in integers of the membrane unit above the reset: 2^(threshold bits − 2), unless at that unit the largest
    /// weight arriving on some state, in that state's integers (|w| / its unit), exceeds what the target's weights reach,
    /// the largest mantissa × 2^(largest exponent) (the exponents the mapper uses: from 0 up). Then the unit is coarser: the
    /// threshold is the largest integer T at which every state's largest weight fits, |w_k| P_vk T / (threshold − reset) ≤
    /// reach (P_vk: how much one of state k adds to v over a device step, 1 for v itself), and at least 1.
    /// </summary>
    /// <param name="p">The model's exact update over one device step, row-major (<see cref="LifForm.Step"/>).</param>
    public static long ThresholdSteps(LifForm form, NumberFormats formats, double[] p, IReadOnlyDictionary<string, double>? largestWeights)
    {
        long steps = 1L << Math.Max(0, formats.ThresholdBits - 2);
        double span = form.Threshold - form.Reset;
        if (largestWeights is null || largestWeights.Count == 0 || span <= 0)
        {
            return steps;
        }
        double reach = ((1L << (formats.WeightBitsMax - 1)) - 1) * Math.Pow(2, Math.Max(0, formats.ExponentMax));
        // As WeightQuantiser.Digital decides: a weight fits when |w| ≤ reach × its state's unit.
        bool Fits(long threshold)
        {
            var units = Units(form, p, span / threshold);
            return units.All(u => u.Unit == 0 || !largestWeights.TryGetValue(u.State, out double w) || w <= reach * u.Unit);
        }
        if (Fits(steps))
        {
            return steps;
        }
        int n = form.States.Length;
        int m = form.Position(form.Membrane);
        double perStep = form.States.Select((s, k) => largestWeights.TryGetValue(s.Name, out double w) ? w * (k == m ? 1 : p[m * n + k]) / span : 0)
            .Select(Math.Abs).Max();
        long threshold = Math.Clamp((long)Math.Floor(reach / perStep), 1, steps);
        while (threshold > 1 && !Fits(threshold))
        {
            threshold--;
        }
        while (threshold + 1 < steps && Fits(threshold + 1))
        {
            threshold++;
        }
        return threshold;
    }

    /// <summary>
    /// The largest |weight| arriving on each state of <paramref name="population"/>'s neurons, by state name, over the projections
    /// onto it (<paramref name="weights"/>: each projection's, by index), for <see cref="Quantise"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, double> LargestWeights(Network network, IReadOnlyDictionary<int, ProjectionWeights> weights, int population)
    {
        var model = network.Populations[population].Model!;
        return network.Projections
            .Where(p => p.Target.Population == population && weights.ContainsKey(p.Index))
            .Select(p => weights[p.Index])
            .GroupBy(w => model.States[w.TargetState].Name)
            .ToDictionary(g => g.Key, g => g.SelectMany(w => w.Values).Select(Math.Abs).DefaultIfEmpty(0).Max());
    }
}
