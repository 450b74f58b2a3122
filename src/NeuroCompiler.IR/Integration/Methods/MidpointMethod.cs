using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>The midpoint method (RK2): x + dt·k2, with k1 = f(x, t) and k2 = f(x + (dt/2)·k1, t + dt/2).</summary>
public sealed class MidpointMethod : NoiseFreeMethod
{
    public override IReadOnlyList<string> Names { get; } = new[] { "rk2", "midpoint" };

    protected override IEnumerable<IrExpression> Lower(UpdateBuilder update)
    {
        var half = update.Dt(2);
        var k1 = update.Derivatives(update.States(), Time);
        var k2 = update.Derivatives(update.Stage(k1, half), Add(Time, half));
        return Enumerable.Range(0, update.Count).Select(j => Add(update.State(j), Multiply(update.Dt(), k2[j])));
    }
}
