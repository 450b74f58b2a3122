using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics;

/// <summary>An expression with names resolved and units checked. Numbers are in SI base units.</summary>
public abstract record BoundExpression(ValueType Type, TextSpan Span);

/// <summary>A number in SI base units. <see cref="IsBareZero"/> marks a unitless 0, which fits any unit.</summary>
public sealed record BoundLiteral(double Value, ValueType LiteralType, TextSpan LiteralSpan, bool IsBareZero = false) : BoundExpression(LiteralType, LiteralSpan);

public sealed record BoundBoolLiteral(bool Value, TextSpan LiteralSpan) : BoundExpression(ValueType.Boolean, LiteralSpan);

public sealed record BoundStringLiteral(string Value, TextSpan LiteralSpan) : BoundExpression(ValueType.String, LiteralSpan);

/// <summary>Where a neuron variable is read from in a synapse: its own side, the presynaptic or the postsynaptic neuron.</summary>
public enum VariableSide
{
    Self,
    Pre,
    Post,
}

public sealed record BoundVariable(VariableSymbol Symbol, VariableSide Side, TextSpan VariableSpan)
    : BoundExpression(ValueType.Quantity(Symbol.Dimension), VariableSpan);

public sealed record BoundUnary(BoundUnaryOperator Operator, BoundExpression Operand, ValueType ResultType, TextSpan UnarySpan)
    : BoundExpression(ResultType, UnarySpan);

public sealed record BoundBinary(BoundBinaryOperator Operator, BoundExpression Left, BoundExpression Right, ValueType ResultType, TextSpan BinarySpan)
    : BoundExpression(ResultType, BinarySpan);

/// <summary>A call of a built-in function (see <see cref="BuiltinFunction"/>).</summary>
public sealed record BoundCall(BuiltinFunction Function, ImmutableArray<BoundExpression> Arguments, ValueType ResultType, TextSpan CallSpan)
    : BoundExpression(ResultType, CallSpan);

public sealed record BoundList(ImmutableArray<BoundExpression> Items, ValueType ListType, TextSpan ListSpan) : BoundExpression(ListType, ListSpan);

/// <summary>Stands for an expression that failed to bind; its error is already reported.</summary>
public sealed record BoundErrorExpression(TextSpan ErrorSpan) : BoundExpression(ValueType.Error, ErrorSpan);

public enum BoundUnaryOperator
{
    Negate,
    Not,
}

public enum BoundBinaryOperator
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
}
