using NeuroCompiler.Core.Time;
using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A time constant the model asks for and the one a shift decay gives: x loses Σ_k (x ≫ k) per step.</summary>
public sealed record ShiftDecay(string State, double RequestedTau, ImmutableArray<int> Shifts, double RealisedTau)
{
    /// <summary>The fraction lost per step, Σ 2^−k.</summary>
    public double Loss => Shifts.Sum(k => Math.Pow(2, -k));

    /// <summary>x − Σ (x ≫ k) over <paramref name="shifts"/>, each shift arithmetic (it rounds toward −∞).</summary>
    public static long Apply(long x, ImmutableArray<int> shifts)
    {
        long loss = 0;
        foreach (int k in shifts)
        {
            loss += x >> k;
        }
        return x - loss;
    }
}

/// <summary>
/// A LIF neuron in a crossbar's neuron circuit, updated every device step as
///   x_k ← x_k − Σ (x_k ≫ s),   v ← v − Σ (v ≫ s) + Σ_k x_k + bias,
/// measured from the reset potential, with the same units as a digital core's (<see cref="DigitalNeuron"/>):
/// the threshold is 2^(state bits − 2) integers above the reset; one integer of another state adds one to v per step.
/// </summary>
public sealed record ShiftNeuron(string Membrane, ImmutableArray<ShiftDecay> Decays, double MembraneUnit, ImmutableArray<(string State, double Unit)> StateUnits,
    long Threshold, long Rest, long Bias, int RefractorySteps, double RealisedThreshold, double RealisedRest);

/// <summary>Puts a <see cref="LifForm"/> into a shift-decay neuron circuit.</summary>
public static class ShiftNeuronQuantiser
{
    public static ShiftNeuron Quantise(LifForm form, NeuronCircuit circuit, double modelDt)
    {
        double deviceDt = circuit.Timestep;
        var (p, _) = form.Step(deviceDt);
        int n = form.States.Length;
        int m = form.Position(form.Membrane);
        var decays = form.States.Select((s, k) =>
        {
            var shifts = BestShifts(1 - p[k * n + k], circuit.DecayTerms, circuit.StateBits - 1);
            double kept = 1 - shifts.Sum(x => Math.Pow(2, -x));
            double tau = kept > 0 && kept < 1 ? -deviceDt / Math.Log(kept) : shifts.IsEmpty ? double.PositiveInfinity : 0;
            return new ShiftDecay(s.Name, s.Tau, shifts, tau);
        }).ToImmutableArray();
        long threshold = 1L << Math.Max(0, circuit.StateBits - 2);
        double span = form.Threshold - form.Reset;
        double unit = span > 0 ? span / threshold : 1;
        long rest = (long)Math.Round((form.Rest - form.Reset) / unit, MidpointRounding.ToEven);
        long bias = (long)Math.Round(rest * decays[m].Loss, MidpointRounding.ToEven);
        var units = form.States.Select((s, k) => (s.Name, k == m ? unit : p[m * n + k] != 0 ? unit / p[m * n + k] : 0)).ToImmutableArray();
        int refractory = (int)TimeSteps.Round(form.RefractorySteps * modelDt, deviceDt);
        return new ShiftNeuron(form.MembraneState.Name, decays, unit, units, threshold, rest, bias, refractory,
            form.Reset + threshold * unit, form.Reset + rest * unit);
    }

    /// <summary>
    /// Up to <paramref name="terms"/> distinct shifts in 1..<paramref name="maxShift"/> whose Σ 2^−k is nearest the
    /// fraction <paramref name="loss"/> lost per step (ties: fewer terms, then smaller shifts); none for no loss.
    /// </summary>
    public static ImmutableArray<int> BestShifts(double loss, int terms, int maxShift)
    {
        var best = ImmutableArray<int>.Empty;
        double bestError = Math.Abs(loss);
        void Search(int from, int left, double sum, ImmutableArray<int> chosen)
        {
            for (int k = from; k <= maxShift; k++)
            {
                var next = chosen.Add(k);
                double total = sum + Math.Pow(2, -k);
                double error = Math.Abs(total - loss);
                if (error < bestError - 1e-15)
                {
                    best = next;
                    bestError = error;
                }
                if (left > 1)
                {
                    Search(k + 1, left - 1, total, next);
                }
            }
        }
        Search(1, terms, 0, ImmutableArray<int>.Empty);
        return best;
    }
}
