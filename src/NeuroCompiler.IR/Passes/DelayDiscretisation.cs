using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR.Verification;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Turns times that are one number into whole steps: projection delays (at least one step) and
/// refractory periods. A time t becomes round(t / dt) steps, halves rounded away from zero.
/// Per-synapse and per-neuron times are rounded the same way where they are computed.
/// </summary>
public sealed class DelayDiscretisation : INetworkPass
{
    public string Name => "delay-discretisation";

    public IrStage Produces => IrStage.DelaysDiscretised;

    public static int ToSteps(double time, double dt) => (int)Math.Min(int.MaxValue, Math.Round(time / dt, MidpointRounding.AwayFromZero));

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        double dt = network.Settings.Dt;
        var projections = network.Projections.Select(p =>
        {
            if (p.Delay is not IrConstant { Value: var delay })
            {
                return p;
            }
            int steps = ToSteps(delay, dt);
            if (steps < 1)
            {
                diagnostics.Error(ErrorCode.DelayShorterThanStep, p.DelayLocation ?? p.Location,
                    $"projection '{p.Name}': a delay of {delay * 1e3:G6} ms is shorter than one time step ({dt * 1e3:G6} ms)");
                return p;
            }
            return p with { ConstantDelaySteps = steps };
        }).ToImmutableArray();
        var populations = network.Populations.Select(p =>
        {
            if (p.Model?.Refractory is not { Period: IrConstant { Value: var period } } refractory)
            {
                return p;
            }
            if (period < 0)
            {
                diagnostics.Error(ErrorCode.InvalidValue, p.Location, $"population '{p.Name}': the refractory period cannot be negative");
                return p;
            }
            return p with { Model = p.Model with { Refractory = refractory with { ConstantSteps = ToSteps(period, dt) } } };
        }).ToImmutableArray();
        return network with { Projections = projections, Populations = populations };
    }
}
