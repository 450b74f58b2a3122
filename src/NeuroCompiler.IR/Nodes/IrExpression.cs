using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

/// <summary>
/// An expression of the IR: numbers in SI base units, variables by slot, no names left to resolve.
/// Evaluated left to right as written, in the model's precision; see docs/semantics.md.
/// </summary>
public abstract record IrExpression;

public sealed record IrConstant(double Value) : IrExpression
{
    public static readonly IrConstant Zero = new(0.0);
    public static readonly IrConstant One = new(1.0);
}

public sealed record IrVariable(VariableRef Ref) : IrExpression;

public sealed record IrUnary(IrUnaryOperator Operator, IrExpression Operand) : IrExpression;

public sealed record IrBinary(IrBinaryOperator Operator, IrExpression Left, IrExpression Right) : IrExpression;

/// <summary>A one-argument function (exp, log, sqrt, ...).</summary>
public sealed record IrCall(MathFunction Function, IrExpression Argument) : IrExpression;

/// <summary><c>where(condition, a, b)</c>.</summary>
public sealed record IrSelect(IrExpression Condition, IrExpression IfTrue, IrExpression IfFalse) : IrExpression;

/// <summary>
/// A random number from the counter-based generator, keyed by (seed, <see cref="Stream"/>, element index, step):
/// uniform on [0, 1) or standard normal. One call site is one stream, so the same site at the same
/// element and step gives the same number however often it is evaluated.
/// </summary>
public sealed record IrRandom(RandomKind Kind, uint Stream) : IrExpression;

/// <summary>White noise xi in an equation before the integrator pass splits it out; <see cref="Index"/> numbers the model's noises.</summary>
public sealed record IrNoise(int Index) : IrExpression;

public enum RandomKind
{
    Uniform,
    Normal,
}

public enum IrUnaryOperator
{
    Negate,
    Not,
}

public enum IrBinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Power,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
    Min,
    Max,
}
