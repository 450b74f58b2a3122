using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// An IR expression as a <c>System.Numerics.Vector</c> expression over W neurons at once, when every
/// operation in it is one IEEE operation per lane (so each lane computes exactly what the scalar code
/// would): constants, variables, +, −, ×, ÷, negation and exp by <c>DetMath</c> (the scalar code's
/// bits), <c>where</c> by lane selection, and comparisons combined with and/or for a condition.
/// Anything else (other functions, random numbers) returns null and the kernel stays scalar.
/// </summary>
internal sealed class VectorExpressionEmitter
{
    private readonly Precision _precision;
    private readonly Func<VariableRef, string?> _variable;
    private readonly Func<IrExpression, string?>? _computed;
    private readonly Func<IrExpression, string?>? _expWatch;

    /// <param name="variable">The vector C# text of a variable, or null when it cannot be read as a vector.</param>
    /// <param name="computed">The vector C# text of a subexpression computed beforehand, or null to emit it here.</param>
    /// <param name="expWatch">For an exp's argument, the scalar that the sum of its lanes joins when a lane leaves the vector path (NaN, infinite or |x| ≥ 700), or null for none.</param>
    public VectorExpressionEmitter(Precision precision, Func<VariableRef, string?> variable, Func<IrExpression, string?>? computed = null,
        Func<IrExpression, string?>? expWatch = null)
    {
        _precision = precision;
        _variable = variable;
        _computed = computed;
        _expWatch = expWatch;
    }

    private string V => $"Vector<{Literal.Type(_precision)}>";

    /// <summary>A value: Vector&lt;T&gt; text, or null.</summary>
    public string? Value(IrExpression expression)
    {
        NestingGuard.EnsureStack();
        if (_computed?.Invoke(expression) is { } computed)
        {
            return computed;
        }
        return expression switch
        {
            IrConstant c => $"new {V}({Literal.Of(c.Value, _precision)})",
            IrVariable v => _variable(v.Ref),
            IrBinary { Operator: IrBinaryOperator.Add or IrBinaryOperator.Subtract or IrBinaryOperator.Multiply or IrBinaryOperator.Divide } b
                when Value(b.Left) is { } l && Value(b.Right) is { } r => $"({l} {Symbol(b.Operator)} {r})",
            IrUnary { Operator: IrUnaryOperator.Negate } u when Value(u.Operand) is { } operand => $"DetMath.Negate({operand})",
            IrCall { Function: MathFunction.Exp } c when Value(c.Argument) is { } argument =>
                _expWatch?.Invoke(c.Argument) is { } watch ? $"DetMath.Exp({argument}, ref {watch})" : $"DetMath.Exp({argument})",
            IrSelect s when Mask(s.Condition) is { } mask && Value(s.IfTrue) is { } t && Value(s.IfFalse) is { } f => $"Vector.ConditionalSelect({mask}, {t}, {f})",
            _ => null,
        };
    }

    /// <summary>A condition: a lane mask in the integer vector of the same width (all bits set where true), or null.</summary>
    public string? Mask(IrExpression expression)
    {
        NestingGuard.EnsureStack();
        string integer = _precision == Precision.Float32 ? "Vector.AsVectorInt32" : "Vector.AsVectorInt64";
        switch (expression)
        {
            case IrBinary { Operator: IrBinaryOperator.And or IrBinaryOperator.Or } b when Mask(b.Left) is { } l && Mask(b.Right) is { } r:
                return b.Operator == IrBinaryOperator.And ? $"Vector.BitwiseAnd({l}, {r})" : $"Vector.BitwiseOr({l}, {r})";
            case IrBinary b when Value(b.Left) is { } l && Value(b.Right) is { } r:
                string? test = b.Operator switch
                {
                    IrBinaryOperator.Greater => "GreaterThan",
                    IrBinaryOperator.GreaterOrEqual => "GreaterThanOrEqual",
                    IrBinaryOperator.Less => "LessThan",
                    IrBinaryOperator.LessOrEqual => "LessThanOrEqual",
                    IrBinaryOperator.Equal => "Equals",
                    _ => null,
                };
                return test is null ? null : $"{integer}(Vector.{test}({l}, {r}))";
            default:
                return null;
        }
    }

    private static string Symbol(IrBinaryOperator op) => op switch
    {
        IrBinaryOperator.Add => "+",
        IrBinaryOperator.Subtract => "-",
        IrBinaryOperator.Multiply => "*",
        _ => "/",
    };
}
