using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Turns a synapse type's event-driven equations (<c>: event_driven</c>) into the exact update applied
/// between the synapse's events. Each must be <c>dx/dt = A x + B</c> with A and B constant over the
/// run (parameters, constants), so that <c>x(t + Δ) = −B/A + (B/A + x)·exp(A Δ)</c> holds for any Δ.
/// Clock-driven equations must not read an event-driven state: it is only up to date at events.
/// </summary>
internal static class EventDrivenSelection
{
    public static ExponentialEuler? Select(Network network, SynapseModel synapse, string owner, DiagnosticBag diagnostics)
    {
        var odes = synapse.Odes.Where(o => o.EventDriven).ToImmutableArray();
        if (odes.IsEmpty)
        {
            return null;
        }
        var slots = odes.Select(o => o.State).ToHashSet();
        var a = ImmutableArray.CreateBuilder<IrExpression>();
        var b = ImmutableArray.CreateBuilder<IrExpression>();
        bool ok = true;
        foreach (var ode in odes)
        {
            string name = synapse.States[ode.State].Name;
            var form = Linearizer.Decompose(ode.Rhs, e => e is IrVariable { Ref: { Space: VariableSpace.SynapseState, Side: Side.Self } r } && r.Slot == ode.State ? 0 : null, 1);
            var coefficient = form is null ? null : ExpressionFolder.Fold(form.Coefficients[0] ?? IrConstant.Zero);
            var rest = form is null ? null : ExpressionFolder.Fold(form.Rest);
            string? why = form is null ? $"it is not linear in '{name}'"
                : ode.Rhs.HasNoise() ? "it has noise"
                : coefficient!.Any(e => IntegratorSelection.Varies(e, synapse.Parameters, network)) || rest!.Any(e => IntegratorSelection.Varies(e, synapse.Parameters, network))
                    ? "its coefficients change during the run (they read a state, time, a random number or a parameter that changes)"
                    : null;
            if (why is not null)
            {
                diagnostics.Error(ErrorCode.EventDrivenNotSolvable, ode.Location,
                    $"{owner}: d{name}/dt cannot be event-driven: {why}; an event-driven equation must be dx/dt = A*x + B with A and B constant");
                ok = false;
                continue;
            }
            a.Add(coefficient!);
            b.Add(rest!);
        }
        foreach (var ode in synapse.Odes.Where(o => !o.EventDriven))
        {
            foreach (int slot in slots.Where(s => ode.Rhs.References(VariableSpace.SynapseState, s)).Take(1))
            {
                diagnostics.Error(ErrorCode.EventDrivenNotSolvable, ode.Location,
                    $"{owner}: d{synapse.States[ode.State].Name}/dt is stepped on the clock but reads '{synapse.States[slot].Name}', which is event-driven (only up to date at the synapse's events); make both event-driven or both clock-driven");
                ok = false;
            }
        }
        return ok ? new ExponentialEuler(odes.Select(o => o.State).ToImmutableArray(), a.ToImmutable(), b.ToImmutable()) : null;
    }
}
