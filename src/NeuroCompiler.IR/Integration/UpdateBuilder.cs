using System.Collections.Immutable;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Integration;

/// <summary>
/// Builds an explicit method's update as plain IR (<see cref="ExplicitIntegrator"/>): temporaries added
/// in order, then one new value per state. Numbers derived from dt are computed here as the model's
/// precision computes them (dt/2, dt/6, √dt are correctly rounded there), so every backend reads the
/// same constant. Each operation is one IR node, so the order of operations is the tree written here.
/// </summary>
public sealed class UpdateBuilder
{
    private readonly EquationSystem _system;
    private readonly List<IrExpression> _locals = new();

    public UpdateBuilder(EquationSystem system) => _system = system;

    public EquationSystem System => _system;

    /// <summary>The number of integrated states.</summary>
    public int Count => _system.States.Length;

    /// <summary>State k's value at the start of the step.</summary>
    public IrExpression State(int k) => new IrVariable(new VariableRef(_system.StateSpace, _system.States[k]));

    /// <summary>Every state's value at the start of the step.</summary>
    public IrExpression[] States() => Enumerable.Range(0, Count).Select(State).ToArray();

    public static IrExpression Time => new IrVariable(VariableRef.Time);

    /// <summary>
    /// A value computed once per element and step, read back as a local; a constant, or an operation on
    /// constants alone (which a kernel computes once per call), is used as it is.
    /// </summary>
    public IrExpression Local(IrExpression value)
    {
        if (!value.Any(e => e is IrVariable or IrRandom or IrNoise))
        {
            return value;
        }
        _locals.Add(value);
        return new IrVariable(new VariableRef(VariableSpace.Local, _locals.Count - 1));
    }

    /// <summary>A number as the model's precision holds it.</summary>
    public IrConstant Rounded(double value) => new(_system.Precision == Precision.Float32 ? (float)value : value);

    /// <summary>dt / <paramref name="divisor"/>, divided in the model's precision.</summary>
    public IrConstant Dt(double divisor = 1) => Rounded(Rounded(_system.Dt).Value / divisor);

    /// <summary>√dt in the model's precision.</summary>
    public IrConstant SqrtDt() => Rounded(Math.Sqrt(Rounded(_system.Dt).Value));

    public static IrExpression Add(IrExpression left, IrExpression right) => new IrBinary(IrBinaryOperator.Add, left, right);

    public static IrExpression Multiply(IrExpression left, IrExpression right) => new IrBinary(IrBinaryOperator.Multiply, left, right);

    public static IrExpression Divide(IrExpression left, IrExpression right) => new IrBinary(IrBinaryOperator.Divide, left, right);

    /// <summary>
    /// One stage's derivatives as locals: each equation's drift with the states read at
    /// <paramref name="at"/> and the time at <paramref name="time"/>; a clamped state's is 0 while the
    /// neuron is refractory.
    /// </summary>
    public IrExpression[] Derivatives(IReadOnlyList<IrExpression> at, IrExpression time) => Enumerable.Range(0, Count).Select(k =>
    {
        var f = _system.Drift[k].Rewrite(e => _system.StateKey(e) is int j ? at[j] : e is IrVariable { Ref.Space: VariableSpace.Time } ? time : e);
        return Local(_system.IsClamped(k) ? new IrSelect(Refractory, IrConstant.Zero, f) : f);
    }).ToArray();

    /// <summary>Stage values x + h·k as locals.</summary>
    public IrExpression[] Stage(IReadOnlyList<IrExpression> k, IrExpression h) =>
        Enumerable.Range(0, Count).Select(j => Local(Add(State(j), Multiply(h, k[j])))).ToArray();

    /// <summary>State k's new value, or its old one while the neuron is refractory when it is clamped.</summary>
    public IrExpression Holding(int k, IrExpression value) => _system.IsClamped(k) ? new IrSelect(Refractory, State(k), value) : value;

    public ExplicitIntegrator Build(string method, IEnumerable<IrExpression> next, IEnumerable<int>? contracting = null) =>
        new(_system.States, method, _locals.ToImmutableArray(), next.ToImmutableArray(), (contracting ?? Enumerable.Empty<int>()).ToImmutableArray());

    private static IrExpression Refractory => new IrVariable(new VariableRef(VariableSpace.Refractory));
}
