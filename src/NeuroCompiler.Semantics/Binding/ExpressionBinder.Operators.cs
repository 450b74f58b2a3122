using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Unary and binary operators and their unit rules.
internal sealed partial class ExpressionBinder
{
    public ConstantEvaluator Constants { get; } = new();

    private BoundExpression BindUnary(UnaryExpressionSyntax unary, BindingContext context)
    {
        var operand = Bind(unary.Operand, context);
        if (operand.Type.IsError)
        {
            return new BoundErrorExpression(unary.Span);
        }
        switch (unary.Operator)
        {
            case UnaryOperator.Plus when operand.Type.IsQuantity:
                return operand;
            case UnaryOperator.Negate when operand.Type.IsQuantity:
                return operand is BoundLiteral literal
                    ? literal with { Value = -literal.Value, LiteralSpan = unary.Span, Span = unary.Span }
                    : new BoundUnary(BoundUnaryOperator.Negate, operand, operand.Type, unary.Span);
            case UnaryOperator.Not when operand.Type.Kind == ValueKind.Boolean:
                return new BoundUnary(BoundUnaryOperator.Not, operand, ValueType.Boolean, unary.Span);
            case UnaryOperator.Not:
                _diagnostics.Error(ErrorCode.ExpectedBoolean, context.Text, unary.Operand.Span, $"'not' needs a condition, but this is {operand.Type}");
                return new BoundErrorExpression(unary.Span);
            default:
                _diagnostics.Error(ErrorCode.ExpectedQuantity, context.Text, unary.Operand.Span, $"a sign needs a quantity, but this is {operand.Type}");
                return new BoundErrorExpression(unary.Span);
        }
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax binary, BindingContext context)
    {
        var left = Bind(binary.Left, context);
        var right = Bind(binary.Right, context);
        if (left.Type.IsError || right.Type.IsError)
        {
            return new BoundErrorExpression(binary.Span);
        }
        var op = Map(binary.Operator);
        switch (op)
        {
            case BoundBinaryOperator.And or BoundBinaryOperator.Or:
                if (!RequireBoolean(left, context, binary.Operator) | !RequireBoolean(right, context, binary.Operator))
                {
                    return new BoundErrorExpression(binary.Span);
                }
                return new BoundBinary(op, left, right, ValueType.Boolean, binary.Span);
        }
        if (!RequireQuantity(left, context, binary.Operator) | !RequireQuantity(right, context, binary.Operator))
        {
            return new BoundErrorExpression(binary.Span);
        }
        switch (op)
        {
            case BoundBinaryOperator.Add or BoundBinaryOperator.Subtract or BoundBinaryOperator.Modulo:
                {
                    if (!SameUnit(left, right, binary, context, out var dimension))
                    {
                        return new BoundErrorExpression(binary.Span);
                    }
                    return new BoundBinary(op, left, right, ValueType.Quantity(dimension), binary.Span);
                }
            case BoundBinaryOperator.Multiply:
                return new BoundBinary(op, left, right, ValueType.Quantity(Combine(left, right, binary, context, divide: false)), binary.Span);
            case BoundBinaryOperator.Divide:
                return new BoundBinary(op, left, right, ValueType.Quantity(Combine(left, right, binary, context, divide: true)), binary.Span);
            case BoundBinaryOperator.Power:
                return BindPower(left, right, binary.Span, context);
            default:
                if (!SameUnit(left, right, binary, context, out _))
                {
                    return new BoundErrorExpression(binary.Span);
                }
                return new BoundBinary(op, left, right, ValueType.Boolean, binary.Span);
        }
    }

    private Dimension Combine(BoundExpression left, BoundExpression right, BinaryExpressionSyntax binary, BindingContext context, bool divide)
    {
        try
        {
            return divide ? left.Type.Dimension / right.Type.Dimension : left.Type.Dimension * right.Type.Dimension;
        }
        catch (OverflowException)
        {
            _diagnostics.Error(ErrorCode.UnitMismatch, context.Text, binary.Span, "the unit of this expression has an exponent too large to represent");
            return Dimension.None;
        }
    }

    /// <summary>x ** y: y dimensionless; if x has a unit, y must be a constant and the result's exponents multiples of 1/2.</summary>
    public BoundExpression BindPower(BoundExpression left, BoundExpression right, Core.Text.TextSpan span, BindingContext context)
    {
        if (!right.Type.Dimension.IsDimensionless)
        {
            _diagnostics.Error(ErrorCode.ExpectedDimensionless, context.Text, right.Span, $"an exponent must be dimensionless, but this has unit {right.Type.Dimension}");
            return new BoundErrorExpression(span);
        }
        if (left.Type.Dimension.IsDimensionless)
        {
            return new BoundBinary(BoundBinaryOperator.Power, left, right, ValueType.Dimensionless, span);
        }
        if (!Constants.TryEvaluate(right, out double exponent))
        {
            _diagnostics.Error(ErrorCode.ExponentNotConstant, context.Text, right.Span,
                $"the base has unit {left.Type.Dimension}, so the exponent must be a constant");
            return new BoundErrorExpression(span);
        }
        if (left.Type.Dimension.TryPower(exponent) is not { } dimension)
        {
            _diagnostics.Error(ErrorCode.FractionalExponent, context.Text, span,
                $"{left.Type.Dimension} to the power {exponent} has no unit (exponents must be multiples of 1/2)");
            return new BoundErrorExpression(span);
        }
        return new BoundBinary(BoundBinaryOperator.Power, left, right, ValueType.Quantity(dimension), span);
    }

    private bool SameUnit(BoundExpression left, BoundExpression right, BinaryExpressionSyntax binary, BindingContext context, out Dimension dimension)
    {
        dimension = IsBareZero(left) ? right.Type.Dimension : left.Type.Dimension;
        if (left.Type.Dimension == right.Type.Dimension || IsBareZero(left) || IsBareZero(right))
        {
            return true;
        }
        string verb = binary.Operator switch
        {
            BinaryOperator.Add => "cannot add",
            BinaryOperator.Subtract => "cannot subtract",
            BinaryOperator.Modulo => "cannot take the remainder of",
            _ => "cannot compare",
        };
        string joiner = binary.Operator == BinaryOperator.Subtract ? "from" : "and";
        string message = binary.Operator == BinaryOperator.Subtract
            ? $"{verb} {right.Type.Dimension} from {left.Type.Dimension}"
            : $"{verb} {left.Type.Dimension} {joiner} {right.Type.Dimension}";
        _diagnostics.Error(ErrorCode.UnitMismatch, context.Text, binary.Span,
            message + BareZeroHint(left.Type.Dimension.IsDimensionless ? right.Type.Dimension : left.Type.Dimension,
                (left as BoundVariable)?.Symbol, (right as BoundVariable)?.Symbol));
        return false;
    }

    private bool RequireBoolean(BoundExpression operand, BindingContext context, BinaryOperator op)
    {
        if (operand.Type.Kind == ValueKind.Boolean)
        {
            return true;
        }
        _diagnostics.Error(ErrorCode.ExpectedBoolean, context.Text, operand.Span, $"'{Text(op)}' needs conditions on both sides, but this is {operand.Type}");
        return false;
    }

    private bool RequireQuantity(BoundExpression operand, BindingContext context, BinaryOperator op)
    {
        if (operand.Type.IsQuantity)
        {
            return true;
        }
        _diagnostics.Error(ErrorCode.ExpectedQuantity, context.Text, operand.Span, $"'{Text(op)}' needs quantities on both sides, but this is {operand.Type}");
        return false;
    }

    private static string Text(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "**",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "and",
        _ => "or",
    };

    private static BoundBinaryOperator Map(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => BoundBinaryOperator.Add,
        BinaryOperator.Subtract => BoundBinaryOperator.Subtract,
        BinaryOperator.Multiply => BoundBinaryOperator.Multiply,
        BinaryOperator.Divide => BoundBinaryOperator.Divide,
        BinaryOperator.Modulo => BoundBinaryOperator.Modulo,
        BinaryOperator.Power => BoundBinaryOperator.Power,
        BinaryOperator.Less => BoundBinaryOperator.Less,
        BinaryOperator.LessOrEqual => BoundBinaryOperator.LessOrEqual,
        BinaryOperator.Greater => BoundBinaryOperator.Greater,
        BinaryOperator.GreaterOrEqual => BoundBinaryOperator.GreaterOrEqual,
        BinaryOperator.Equal => BoundBinaryOperator.Equal,
        BinaryOperator.NotEqual => BoundBinaryOperator.NotEqual,
        BinaryOperator.And => BoundBinaryOperator.And,
        _ => BoundBinaryOperator.Or,
    };
}
