using System.Collections.Immutable;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>One state of a leaky integrate-and-fire neuron: how much of it is left after a step, and the time constant that means.</summary>
public sealed record LifState(int Slot, string Name, double DecayPerStep, double Tau);

/// <summary>
/// A neuron model recognised as leaky integrate-and-fire, the form digital cores and crossbar
/// neurons implement: integrated exactly with constant coefficients; a membrane state v that spikes
/// above a constant threshold and is reset to a constant; other states (synaptic currents or
/// conductances) that only decay and feed v. Over one step, v ← P_vv v + Σ_k P_vk x_k + c_v and
/// x_k ← P_kk x_k; <see cref="Rest"/> is v's fixed point without input, c_v / (1 − P_vv).
/// </summary>
public sealed record LifForm(int Membrane, double Threshold, double Reset, double Rest, ImmutableArray<LifState> States,
    ImmutableArray<(int Slot, double Coupling)> Couplings, int RefractorySteps, ImmutableArray<double> A, ImmutableArray<double> B)
{
    public LifState MembraneState => States.First(s => s.Slot == Membrane);

    /// <summary>
    /// The exact update over a step of <paramref name="dt"/> (a device's time step, which need not be the model's):
    /// P (row-major, states in <see cref="States"/>' order) and the constant input c, x ← P x + c.
    /// </summary>
    public (double[] P, double[] C) Step(double dt)
    {
        int n = States.Length;
        var (matrices, input, _) = PropagatorBuilder.Compute(A.ToArray(), n, dt, Array.Empty<int>(), B.ToArray());
        return (matrices.P.ToArray(), input!.Value.ToArray());
    }

    /// <summary>Position of a state slot in <see cref="States"/>.</summary>
    public int Position(int slot) => States.Select((s, i) => (s, i)).First(p => p.s.Slot == slot).i;

    /// <summary>The population's model in this form, or null with the reason it is not one.</summary>
    public static LifForm? Recognise(Network network, Population population, out string? why)
    {
        why = null;
        var model = population.Model;
        double dt = network.Settings.Dt;
        if (model?.Integrator is not LinearPropagator { Matrices: { } matrices } linear)
        {
            why = model is null ? "it has no equations" : "its equations are not linear with the same constant coefficients for every neuron";
            return null;
        }
        if (model.Threshold is not IrBinary { Operator: IrBinaryOperator.Greater or IrBinaryOperator.GreaterOrEqual,
                Left: IrVariable { Ref: { Space: VariableSpace.NeuronState } v }, Right: IrConstant { Value: var threshold } })
        {
            why = "its threshold is not 'state > constant'";
            return null;
        }
        var reset = model.Reset.FirstOrDefault(a => a.Target.Space == VariableSpace.NeuronState && a.Target.Slot == v.Slot);
        if (reset is not { Operator: AssignOperator.Assign, Value: IrConstant { Value: var resetValue } })
        {
            why = $"its reset does not set '{model.States[v.Slot].Name}' to a constant";
            return null;
        }
        if (model.Reset.Any(a => a != reset))
        {
            why = "its reset changes more than the membrane (adaptation)";
            return null;
        }
        int n = linear.States.Length;
        int m = linear.States.IndexOf(v.Slot);
        if (m < 0)
        {
            why = "its threshold reads a state without an equation";
            return null;
        }
        var p = matrices.P;
        var input = linear.Input;
        if (input is null)
        {
            why = "its equations have inputs that change during the run";
            return null;
        }
        var states = ImmutableArray.CreateBuilder<LifState>();
        var couplings = ImmutableArray.CreateBuilder<(int, double)>();
        for (int k = 0; k < n; k++)
        {
            double decay = p[k * n + k];
            states.Add(new LifState(linear.States[k], model.States[linear.States[k]].Name, decay, decay > 0 && decay < 1 ? -dt / Math.Log(decay) : double.PositiveInfinity));
            if (k == m)
            {
                continue;
            }
            if (Enumerable.Range(0, n).Any(j => j != k && p[k * n + j] != 0) || input.Value[k] != 0)
            {
                why = $"'{model.States[linear.States[k]].Name}' does more than decay (it is fed by other states or a constant)";
                return null;
            }
            if (p[m * n + k] != 0)
            {
                couplings.Add((linear.States[k], p[m * n + k]));
            }
        }
        double pvv = p[m * n + m];
        double rest = pvv < 1 ? input.Value[m] / (1 - pvv) : 0;
        if (!linear.A.All(e => e is IrConstant) || !linear.B.All(e => e is IrConstant))
        {
            why = "its coefficients are not numbers known before the run";
            return null;
        }
        return new LifForm(v.Slot, threshold, resetValue, rest, states.ToImmutable(), couplings.ToImmutable(), model.Refractory?.ConstantSteps ?? 0,
            linear.A.Select(e => ((IrConstant)e).Value).ToImmutableArray(), linear.B.Select(e => ((IrConstant)e).Value).ToImmutableArray());
    }
}
