using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Time;
using NeuroCompiler.IR.Verification;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Turns times that are one number into whole steps: projection delays (at least one step) and
/// refractory periods, by <see cref="TimeSteps"/> (round(t / dt), halves away from zero). Refractory
/// periods that differ from neuron to neuron are checked here too, neuron by neuron, so a run never
/// starts with one it cannot count; per-synapse delays are checked where the connectivity is built.
/// </summary>
public sealed class DelayDiscretisation : INetworkPass
{
    public string Name => "delay-discretisation";

    public IrStage Produces => IrStage.DelaysDiscretised;

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        double dt = network.Settings.Dt;
        var projections = network.Projections.Select(p =>
        {
            if (p.Delay is not IrConstant { Value: var delay })
            {
                return p;
            }
            var use = TimeUse.Delay with { What = $"projection '{p.Name}': a delay" };
            return TimeSteps.Check(delay, dt, use, diagnostics, p.DelayLocation ?? p.Location) is { } steps
                ? p with { ConstantDelaySteps = (int)steps }
                : p;
        }).ToImmutableArray();
        var populations = network.Populations.Select(p =>
        {
            if (p.Model?.Refractory is not { } refractory)
            {
                return p;
            }
            var use = TimeUse.Refractory with { What = $"population '{p.Name}': the refractory period" };
            if (refractory.Period is IrConstant { Value: var period })
            {
                return TimeSteps.Check(period, dt, use, diagnostics, p.Location) is { } steps
                    ? p with { Model = p.Model with { Refractory = refractory with { ConstantSteps = (int)steps } } }
                    : p;
            }
            var periods = InitialValues.Compute(network, p).Evaluate(refractory.Period);
            for (int i = 0; i < periods.Length; i++)
            {
                if (TimeSteps.Problem(periods[i], dt, use with { What = $"population '{p.Name}': neuron {i}'s refractory period" }) is { } problem)
                {
                    diagnostics.Error(problem.Code, p.Location, problem.Message);
                    break;
                }
            }
            return p;
        }).ToImmutableArray();
        return network with { Projections = projections, Populations = populations };
    }
}
