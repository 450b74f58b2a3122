using System.Collections.Immutable;

namespace NeuroCompiler.IR.Verification;

/// <summary>
/// After integrator selection every group of equations has an integrator over exactly its states, in
/// their order, with one expression (or matrix row) per state; a group without equations has none. A
/// synapse's event-driven equations have left its clock-driven ones for its event-driven update.
/// </summary>
public sealed class IntegratorsChosen : IIrCheck
{
    public IrStage From => IrStage.IntegratorsSelected;

    public void Check(Network network, List<string> problems)
    {
        foreach (var population in network.Populations)
        {
            if (population.Model is { } model)
            {
                Check(model.Odes, model.Integrator, $"population {population.Name}", problems);
            }
        }
        foreach (var projection in network.Projections)
        {
            var synapse = projection.Synapse;
            string where = $"projection {projection.Name}";
            if (synapse.Odes.Any(o => o.EventDriven))
            {
                problems.Add($"{where} still steps an event-driven equation on the clock");
            }
            Check(synapse.Odes, synapse.Integrator, where, problems);
            if (synapse.EventDriven is { } eventDriven)
            {
                if (eventDriven.States.Intersect(synapse.Odes.Select(o => o.State)).Any())
                {
                    problems.Add($"{where} updates a state both on the clock and between events");
                }
                Shape(eventDriven, eventDriven.States.Length, $"{where}, its event-driven update", problems);
            }
        }
        Check(network.Signals.Odes, network.Signals.Integrator, "the model-level states", problems);
    }

    private static void Check(ImmutableArray<Ode> odes, Integrator? integrator, string where, List<string> problems)
    {
        if (odes.IsEmpty)
        {
            if (integrator is not null)
            {
                problems.Add($"{where} has an integrator ({integrator.MethodName}) but no equations");
            }
            return;
        }
        if (integrator is null)
        {
            problems.Add($"{where} has equations but no integrator");
            return;
        }
        if (!integrator.States.SequenceEqual(odes.Select(o => o.State)))
        {
            problems.Add($"{where}: its {integrator.MethodName} integrator updates states [{string.Join(", ", integrator.States)}], its equations are for [{string.Join(", ", odes.Select(o => o.State))}]");
        }
        Shape(integrator, odes.Length, where, problems);
    }

    /// <summary>Whether an expression reads only locals computed before it (those numbered below <paramref name="count"/>).</summary>
    private static bool LocalsBefore(IrExpression e, int count) => !e.Any(v => v is IrVariable { Ref: { Space: VariableSpace.Local } r } && !ReferencesResolve.InRange(r.Slot, count));

    /// <summary>
    /// One expression per state (n×n coefficients for exact integration); an explicit update whose
    /// locals read only earlier locals, and whose contracting states are its own.
    /// </summary>
    private static void Shape(Integrator integrator, int n, string where, List<string> problems)
    {
        bool ok = integrator switch
        {
            LinearPropagator l => l.A.Length == n * n && l.B.Length == n &&
                (l.Matrices is not { } m || m.P.Length == n * n && m.G.Length == n * n && m.RefractoryP.Length == n * n && m.RefractoryG.Length == n * n),
            ExponentialEuler x => x.A.Length == n && x.B.Length == n,
            ExplicitIntegrator x => x.Next.Length == n && x.Contracting.All(x.States.Contains) &&
                x.Locals.Select((e, i) => LocalsBefore(e, i)).Concat(x.Next.Select(e => LocalsBefore(e, x.Locals.Length))).All(ok => ok),
            _ => false,
        };
        if (!ok)
        {
            problems.Add($"{where}: its {integrator.MethodName} integrator does not have the shape of {n} equations");
        }
    }
}
