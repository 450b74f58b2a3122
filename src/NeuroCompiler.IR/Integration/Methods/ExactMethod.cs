using System.Collections.Immutable;
using NeuroCompiler.IR.Passes;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>
/// Exact integration of a linear system dx/dt = A x + b with A constant over the run: the propagator
/// is computed here when A is one matrix for every element, else per element at initialisation
/// (<see cref="LinearPropagator"/>).
/// </summary>
public sealed class ExactMethod : IIntegrationMethod
{
    public IReadOnlyList<string> Names { get; } = new[] { "exact", "linear" };

    public Integrator? Integrate(EquationSystem system, out string whyNot)
    {
        var integrator = Propagator(system, out string reason);
        whyNot = $"cannot integrate exactly: {reason}";
        return integrator;
    }

    private static LinearPropagator? Propagator(EquationSystem system, out string whyNot)
    {
        whyNot = "";
        if (system.Stochastic)
        {
            whyNot = "the equations have noise";
            return null;
        }
        var states = system.States;
        var forms = system.Drift.Select(d => Linearizer.Decompose(d, system.StateKey, states.Length)).ToArray();
        if (forms.Any(f => f is null))
        {
            whyNot = "the equations are not linear in the states";
            return null;
        }
        var a = forms.SelectMany(f => f!.Coefficients.Select(c => ExpressionFolder.Fold(c ?? IrConstant.Zero))).ToImmutableArray();
        if (a.FirstOrDefault(c => c.Any(e => IntegratorSelection.Varies(e, system.Parameters, system.Network))) is not null)
        {
            whyNot = "a coefficient changes during the run (it depends on a state, time, a random number or a parameter the protocol changes)";
            return null;
        }
        var b = forms.Select(f => ExpressionFolder.Fold(f!.Rest)).ToImmutableArray();
        if (!a.All(c => c is IrConstant))
        {
            return new LinearPropagator(states, a, b, null, null, null);
        }
        var aValues = a.Select(c => ((IrConstant)c).Value).ToArray();
        double[]? bValues = b.All(x => x is IrConstant) ? b.Select(x => ((IrConstant)x).Value).ToArray() : null;
        if (!aValues.All(double.IsFinite) || !(bValues ?? Array.Empty<double>()).All(double.IsFinite))
        {
            whyNot = "a coefficient is not finite (a division by zero, such as a time constant of 0?)";
            return null;
        }
        var (matrices, input, refractoryInput) = PropagatorBuilder.Compute(aValues, states.Length, system.Dt, system.ClampedIndices.ToList(), bValues);
        return new LinearPropagator(states, a, b, matrices, input, refractoryInput);
    }
}
