using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>
/// Classic RK4: stages at t, t + dt/2, t + dt/2, t + dt from x, x + (dt/2)·k1, x + (dt/2)·k2, x + dt·k3;
/// x + (dt/6)·(((k1 + 2·k2) + 2·k3) + k4).
/// </summary>
public sealed class RungeKutta4Method : NoiseFreeMethod
{
    public override IReadOnlyList<string> Names { get; } = new[] { "rk4" };

    protected override IEnumerable<IrExpression> Lower(UpdateBuilder update)
    {
        var half = update.Dt(2);
        var dt = update.Dt();
        var two = new IrConstant(2);
        var k1 = update.Derivatives(update.States(), Time);
        var k2 = update.Derivatives(update.Stage(k1, half), Add(Time, half));
        var k3 = update.Derivatives(update.Stage(k2, half), Add(Time, half));
        var k4 = update.Derivatives(update.Stage(k3, dt), Add(Time, dt));
        return Enumerable.Range(0, update.Count).Select(j =>
            Add(update.State(j), Multiply(update.Dt(6), Add(Add(Add(k1[j], Multiply(two, k2[j])), Multiply(two, k3[j])), k4[j]))));
    }
}
