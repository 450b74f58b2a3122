namespace NeuroCompiler.IR.Verification;

/// <summary>
/// Every expression of a network with its context, in one walk, so that each property checker looks
/// at the same set and a new place that holds expressions is added once, here.
/// </summary>
public static class IrSites
{
    public static IEnumerable<IrSite> Of(Network network)
    {
        for (int p = 0; p < network.Populations.Length; p++)
        {
            if (network.Populations[p].Model is { } model)
            {
                foreach (var site in OfNeuron(p, network.Populations[p].Name, model))
                {
                    yield return site;
                }
            }
        }
        for (int j = 0; j < network.Projections.Length; j++)
        {
            foreach (var site in OfProjection(j, network.Projections[j]))
            {
                yield return site;
            }
        }
        foreach (var ode in network.Signals.Odes)
        {
            yield return new IrSite(IrContext.SignalEquation, -1, -1, $"model-level equation for signal slot {ode.State}", ode.Rhs);
        }
        foreach (var e in Expressions(network.Signals.Integrator))
        {
            yield return new IrSite(IrContext.SignalIntegrator, -1, -1, "the integrator of the model-level states", e);
        }
        foreach (var trace in network.Recordings.OfType<TraceRecording>())
        {
            yield return new IrSite(IrContext.Trace, trace.Range.Population, -1, $"the recording of {trace.Name}", trace.Value);
        }
    }

    private static IEnumerable<IrSite> OfNeuron(int p, string name, NeuronModel model)
    {
        string owner = $"population {name}";
        foreach (var v in model.Parameters.Concat(model.States))
        {
            yield return new IrSite(IrContext.NeuronValue, p, -1, $"{owner}, initial value of {v.Name}", v.Initial);
        }
        foreach (var ode in model.Odes)
        {
            yield return new IrSite(IrContext.NeuronEquation, p, -1, $"{owner}, equation for {Name(model.States, ode.State)}", ode.Rhs);
        }
        foreach (var e in Expressions(model.Integrator))
        {
            yield return new IrSite(IrContext.NeuronIntegrator, p, -1, $"{owner}, its integrator", e);
        }
        if (model.Threshold is { } threshold)
        {
            yield return new IrSite(IrContext.Threshold, p, -1, $"{owner}, threshold", threshold);
        }
        foreach (var a in model.Reset)
        {
            yield return new IrSite(IrContext.Reset, p, -1, $"{owner}, reset", a.Value, a.Target);
        }
        if (model.Refractory is { } refractory)
        {
            yield return new IrSite(IrContext.NeuronValue, p, -1, $"{owner}, refractory period", refractory.Period);
        }
    }

    private static IEnumerable<IrSite> OfProjection(int j, Projection projection)
    {
        var synapse = projection.Synapse;
        string owner = $"projection {projection.Name}";
        foreach (var v in synapse.Parameters.Concat(synapse.States))
        {
            yield return new IrSite(IrContext.SynapseValue, -1, j, $"{owner}, initial value of {v.Name}", v.Initial);
        }
        foreach (var ode in synapse.Odes)
        {
            yield return new IrSite(IrContext.SynapseEquation, -1, j, $"{owner}, equation for {Name(synapse.States, ode.State)}", ode.Rhs);
        }
        foreach (var e in Expressions(synapse.Integrator).Concat(Expressions(synapse.EventDriven)))
        {
            yield return new IrSite(IrContext.SynapseIntegrator, -1, j, $"{owner}, its integrator", e);
        }
        foreach (var (statements, name) in new[] { (synapse.OnPre, "on_pre"), (synapse.OnPost, "on_post") }
            .Concat(synapse.ClockRules.Select(r => (r.Statements, $"clock rule every {r.IntervalSteps} steps"))))
        {
            foreach (var a in statements)
            {
                yield return new IrSite(IrContext.SynapseHandler, -1, j, $"{owner}, {name}", a.Value, a.Target);
            }
        }
        foreach (var rule in synapse.Structure)
        {
            yield return new IrSite(IrContext.StructuralCondition, -1, j, $"{owner}, {rule.Kind.ToString().ToLowerInvariant()} rule", rule.Condition);
        }
        yield return new IrSite(IrContext.Delay, -1, j, $"{owner}, delay", projection.Delay);
        foreach (var probability in projection.Rule.PairExpressions)
        {
            yield return new IrSite(IrContext.ConnectionProbability, -1, j, $"{owner}, connection probability", probability);
        }
    }

    /// <summary>Every expression an integrator holds.</summary>
    public static IEnumerable<IrExpression> Expressions(Integrator? integrator) => integrator switch
    {
        LinearPropagator l => l.A.Concat(l.B),
        ExponentialEuler x => x.A.Concat(x.B),
        ExplicitIntegrator x => x.Locals.Concat(x.Next),
        _ => Enumerable.Empty<IrExpression>(),
    };

    private static string Name(System.Collections.Immutable.ImmutableArray<Variable> states, int slot) =>
        slot >= 0 && slot < states.Length ? states[slot].Name : $"state slot {slot}";
}
