using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>Forward Euler, x + dt·f(x, t); with noise it is Euler–Maruyama.</summary>
public sealed class EulerMethod : IIntegrationMethod
{
    public IReadOnlyList<string> Names { get; } = new[] { "euler" };

    public Integrator? Integrate(EquationSystem system, out string whyNot)
    {
        whyNot = "";
        if (system.Stochastic)
        {
            return EulerMaruyamaMethod.Lower(system);
        }
        var update = new UpdateBuilder(system);
        var k = update.Derivatives(update.States(), Time);
        return update.Build(Names[0], Enumerable.Range(0, update.Count).Select(j => Add(update.State(j), Multiply(update.Dt(), k[j]))));
    }
}
