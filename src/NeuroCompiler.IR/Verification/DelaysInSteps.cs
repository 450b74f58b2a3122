using NeuroCompiler.Core.Time;

namespace NeuroCompiler.IR.Verification;

/// <summary>
/// After delay discretisation every delay that is one number is a whole number of steps, at least
/// one, rounded as <see cref="TimeSteps.Round"/> rounds; so is every refractory period
/// that is one number (at least zero). A time that varies per element has no single step count.
/// </summary>
public sealed class DelaysInSteps : IIrCheck
{
    public IrStage From => IrStage.DelaysDiscretised;

    public void Check(Network network, List<string> problems)
    {
        double dt = network.Settings.Dt;
        foreach (var projection in network.Projections)
        {
            Check($"projection {projection.Name}: its delay", projection.Delay, projection.ConstantDelaySteps, 1, dt, problems);
        }
        foreach (var population in network.Populations)
        {
            if (population.Model?.Refractory is { } refractory)
            {
                Check($"population {population.Name}: its refractory period", refractory.Period, refractory.ConstantSteps, 0, dt, problems);
            }
        }
    }

    private static void Check(string what, IrExpression time, int? steps, int minimum, double dt, List<string> problems)
    {
        switch (time, steps)
        {
            case (IrConstant { Value: var seconds }, null):
                problems.Add($"{what} of {seconds} s is one number but has no step count");
                break;
            case (IrConstant { Value: var seconds }, { } count) when count < minimum || count != TimeSteps.Round(seconds, dt):
                problems.Add($"{what} of {seconds} s is {count} steps (dt {dt} s)");
                break;
            case (not IrConstant, { } count):
                problems.Add($"{what} varies per element but has one step count ({count})");
                break;
        }
    }
}
