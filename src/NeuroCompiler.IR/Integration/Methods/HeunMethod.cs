using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>
/// Heun's method (the explicit trapezoidal rule, improved Euler), second order:
/// k1 = f(x, t), k2 = f(x + dt·k1, t + dt), x + (dt/2)·(k1 + k2).
/// </summary>
public sealed class HeunMethod : NoiseFreeMethod
{
    public override IReadOnlyList<string> Names { get; } = new[] { "heun" };

    protected override IEnumerable<IrExpression> Lower(UpdateBuilder update)
    {
        var dt = update.Dt();
        var k1 = update.Derivatives(update.States(), Time);
        var k2 = update.Derivatives(update.Stage(k1, dt), Add(Time, dt));
        return Enumerable.Range(0, update.Count).Select(j => Add(update.State(j), Multiply(update.Dt(2), Add(k1[j], k2[j]))));
    }
}
