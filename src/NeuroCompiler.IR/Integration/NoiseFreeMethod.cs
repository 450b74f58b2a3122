namespace NeuroCompiler.IR.Integration;

/// <summary>An explicit method for equations without noise: it lowers any such system, and refuses white noise.</summary>
public abstract class NoiseFreeMethod : IIntegrationMethod
{
    public abstract IReadOnlyList<string> Names { get; }

    public Integrator? Integrate(EquationSystem system, out string whyNot)
    {
        if (system.Stochastic)
        {
            whyNot = "equations with noise need euler or euler_maruyama";
            return null;
        }
        whyNot = "";
        var update = new UpdateBuilder(system);
        return update.Build(Names[0], Lower(update));
    }

    /// <summary>The new value of each state, built with <paramref name="update"/>'s locals.</summary>
    protected abstract IEnumerable<IrExpression> Lower(UpdateBuilder update);
}
