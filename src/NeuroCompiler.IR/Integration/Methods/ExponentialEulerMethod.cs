using NeuroCompiler.IR.Passes;
using NeuroCompiler.Runtime;
using static NeuroCompiler.IR.Integration.UpdateBuilder;

namespace NeuroCompiler.IR.Integration.Methods;

/// <summary>
/// Exponential Euler, as Brian2 writes it, for equations each linear in its own variable,
/// dx/dt = A x + B with A and B free of x: with BA = B/A, x ← −BA + (BA + x)·exp(A·dt); where A is
/// exactly zero, x ← x + B·dt. A, B and BA are locals, computed for every element before any state changes.
/// </summary>
public sealed class ExponentialEulerMethod : IIntegrationMethod
{
    public IReadOnlyList<string> Names { get; } = new[] { "exponential_euler" };

    public Integrator? Integrate(EquationSystem system, out string whyNot)
    {
        whyNot = "";
        if (system.Stochastic)
        {
            whyNot = "cannot use exponential_euler: the equations have noise";
            return null;
        }
        int n = system.States.Length;
        var a = new IrExpression[n];
        var b = new IrExpression[n];
        for (int k = 0; k < n; k++)
        {
            int own = k;
            var form = Linearizer.Decompose(system.Drift[k], e => system.StateKey(e) == own ? 0 : null, 1);
            if (form is null)
            {
                whyNot = $"cannot use exponential_euler: the equation for state {k + 1} is not linear in its own variable";
                return null;
            }
            a[k] = ExpressionFolder.Fold(form.Coefficients[0] ?? IrConstant.Zero);
            b[k] = ExpressionFolder.Fold(form.Rest);
        }
        return Lower(new UpdateBuilder(system), a, b);
    }

    private static ExplicitIntegrator Lower(UpdateBuilder update, IrExpression[] a, IrExpression[] b)
    {
        var aLocal = a.Select(update.Local).ToArray();
        var bLocal = b.Select(update.Local).ToArray();
        var dt = update.Dt();
        var next = Enumerable.Range(0, update.Count).Select(k =>
        {
            var x = update.State(k);
            var euler = Add(x, Multiply(bLocal[k], dt));
            var ba = update.Local(Divide(bLocal[k], aLocal[k]));
            var exponential = Add(new IrUnary(IrUnaryOperator.Negate, ba), Multiply(Add(ba, x), new IrCall(MathFunction.Exp, Multiply(aLocal[k], dt))));
            // A that is one number decides the case here; otherwise each element tests its own.
            var value = a[k] is IrConstant constant
                ? update.Rounded(constant.Value).Value != 0 ? exponential : euler
                : new IrSelect(new IrBinary(IrBinaryOperator.Equal, aLocal[k], IrConstant.Zero), euler, exponential);
            return update.Holding(k, value);
        }).ToList();
        // x·exp(A dt) alone, with A < 0: finite exactly when x is.
        var contracting = Enumerable.Range(0, update.Count)
            .Where(k => a[k] is IrConstant c && update.Rounded(c.Value).Value < 0 && b[k] is IrConstant { Value: 0 })
            .Select(k => update.System.States[k]);
        return update.Build("exponential_euler", next, contracting);
    }
}
