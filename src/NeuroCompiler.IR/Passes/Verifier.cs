using NeuroCompiler.Core;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Checks the IR's invariants after a pass: every slot in range, every expression (an integrator's
/// too) within <see cref="Limits.MaxIrNesting"/> levels, every model with equations integrated once
/// the integrator pass ran, connectivity consistent. A failure is a compiler bug, reported with the
/// pass that broke it.
/// </summary>
public static class Verifier
{
    public static void Check(Network network, string afterPass)
    {
        var problems = new List<string>();
        foreach (var population in network.Populations)
        {
            if (population.Model is { } model)
            {
                void CheckExpression(IrExpression e, string where) => CheckSlots(e, network, model, null, $"population {population.Name}, {where}", problems);
                foreach (var v in model.Parameters.Concat(model.States))
                {
                    CheckExpression(v.Initial, $"initial value of {v.Name}");
                }
                foreach (var ode in model.Odes)
                {
                    CheckExpression(ode.Rhs, $"equation for state {ode.State}");
                    if (ode.State < 0 || ode.State >= model.States.Length)
                    {
                        problems.Add($"population {population.Name}: equation for state slot {ode.State} out of range");
                    }
                }
                if (model.Threshold is { } threshold)
                {
                    CheckExpression(threshold, "threshold");
                }
                foreach (var a in model.Reset)
                {
                    CheckExpression(a.Value, "reset");
                    if (a.Target.Space != VariableSpace.NeuronState || a.Target.Slot >= model.States.Length)
                    {
                        problems.Add($"population {population.Name}: reset writes {a.Target}");
                    }
                }
                CheckIntegrator(model.Integrator, $"population {population.Name}", problems);
                if (afterPass is "integrator-selection" or "delay-discretisation" or "connectivity-instantiation" && model.Odes.Length > 0 && model.Integrator is null)
                {
                    problems.Add($"population {population.Name}: equations but no integrator");
                }
            }
            else if (population.Spikes is null)
            {
                problems.Add($"population {population.Name}: neither a model nor spikes");
            }
        }
        foreach (var projection in network.Projections)
        {
            var synapse = projection.Synapse;
            foreach (var a in synapse.Statements)
            {
                CheckSlots(a.Value, network, null, projection, $"projection {projection.Name}, handler", problems);
            }
            foreach (var rule in synapse.Structure)
            {
                CheckSlots(rule.Condition, network, null, projection, $"projection {projection.Name}, structural rule", problems);
            }
            CheckIntegrator(synapse.Integrator, $"projection {projection.Name}", problems);
            if (projection.Synapses is { } c)
            {
                if (c.RowStart.Length != projection.Source.Count + 1 || c.RowStart[^1] != c.Count || (c.DelayOffsets is { } d && d.Length != c.Count))
                {
                    problems.Add($"projection {projection.Name}: connectivity arrays disagree");
                }
                var targetSize = network.Populations[projection.Target.Population].Size;
                for (int k = 0; k < c.Count; k++)
                {
                    if (c.Targets[k] >= targetSize || c.Delay(k) < 1 || c.Delay(k) > c.MaxDelay)
                    {
                        problems.Add($"projection {projection.Name}: synapse {k} has target {c.Targets[k]} and delay {c.Delay(k)}");
                        break;
                    }
                }
            }
        }
        CheckIntegrator(network.Signals.Integrator, "model-level states", problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"IR verification failed after {afterPass}:\n  " + string.Join("\n  ", problems));
        }
    }

    private static void CheckIntegrator(Integrator? integrator, string owner, List<string> problems)
    {
        var expressions = integrator switch
        {
            LinearPropagator l => l.A.Concat(l.B),
            ExponentialEuler e => e.A.Concat(e.B),
            RungeKutta r => r.Derivatives,
            EulerMaruyama m => m.Drift.Concat(m.Diffusion.SelectMany(d => d.Select(t => t.Coefficient))),
            _ => Enumerable.Empty<IrExpression>(),
        };
        foreach (var e in expressions)
        {
            CheckDepth(e, $"{owner}, integrator", problems);
        }
    }

    private static void CheckDepth(IrExpression expression, string where, List<string> problems)
    {
        if (expression.Depth() is var depth && depth > Limits.MaxIrNesting)
        {
            problems.Add($"{where}: an expression {depth} levels deep (the IR allows {Limits.MaxIrNesting})");
        }
    }

    private static void CheckSlots(IrExpression expression, Network network, NeuronModel? neuron, Projection? projection, string where, List<string> problems)
    {
        CheckDepth(expression, where, problems);
        expression.Any(e =>
        {
            if (e is not IrVariable { Ref: var r })
            {
                return false;
            }
            NeuronModel? owner = r.Side switch
            {
                Side.Pre when projection is not null => network.Populations[projection.Source.Population].Model,
                Side.Post when projection is not null => network.Populations[projection.Target.Population].Model,
                _ => neuron,
            };
            int limit = r.Space switch
            {
                VariableSpace.Global => network.Globals.Length,
                VariableSpace.NeuronParameter => owner?.Parameters.Length ?? 0,
                VariableSpace.NeuronState => owner?.States.Length ?? 0,
                VariableSpace.SynapseParameter => projection?.Synapse.Parameters.Length ?? 0,
                VariableSpace.SynapseState => projection?.Synapse.States.Length ?? 0,
                VariableSpace.Signal => network.Signals.Variables.Length,
                _ => int.MaxValue,
            };
            if (r.Slot < 0 || r.Slot >= limit)
            {
                problems.Add($"{where}: {r.Space} slot {r.Slot} out of range");
            }
            return false;
        });
    }
}
