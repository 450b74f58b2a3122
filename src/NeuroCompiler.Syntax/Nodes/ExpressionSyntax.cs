using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A number without a unit: <c>0.02</c>, <c>1e3</c>.</summary>
public sealed record NumberLiteralSyntax(double Value, string Text, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>
/// A number with a unit word: <c>20 ms</c>. The unit is checked by the binder. A power written right after
/// the unit is the unit's (<see cref="UnitExponent"/>): <c>20000 um**2</c> is 20000 µm², as Brian2 reads it.
/// </summary>
public sealed record QuantityLiteralSyntax(double Value, string NumberText, NameSyntax Unit, TextSpan Span, ExpressionSyntax? UnitExponent = null)
    : ExpressionSyntax(Span);

public sealed record BoolLiteralSyntax(bool Value, TextSpan Span) : ExpressionSyntax(Span);

public sealed record StringLiteralSyntax(string Value, TextSpan Span) : ExpressionSyntax(Span);

public sealed record NameExpressionSyntax(NameSyntax Name) : ExpressionSyntax(Name.Span);

/// <summary><c>pre.v</c>, <c>drive.rate</c>.</summary>
public sealed record MemberExpressionSyntax(ExpressionSyntax Target, NameSyntax Member, TextSpan Span) : ExpressionSyntax(Span);

public sealed record ArgumentSyntax(NameSyntax? Name, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

public sealed record CallExpressionSyntax(NameSyntax Function, ImmutableArray<ArgumentSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span);

public sealed record UnaryExpressionSyntax(UnaryOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);

public sealed record BinaryExpressionSyntax(BinaryOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Left, ExpressionSyntax Right, TextSpan Span) : ExpressionSyntax(Span);

public sealed record ListExpressionSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : ExpressionSyntax(Span);

/// <summary>Stands where the parser found no expression; it has already reported why.</summary>
public sealed record MissingExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span);

public enum UnaryOperator
{
    Negate,
    Plus,
    Not,
}

public enum BinaryOperator
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
