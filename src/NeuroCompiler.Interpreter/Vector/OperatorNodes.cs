using System.Numerics;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Interpreter.Vector;

internal interface IBinaryOperation<T>
{
    static abstract T Apply(T a, T b);
}

internal struct AddOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a + b;
}

internal struct SubtractOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a - b;
}

internal struct MultiplyOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a * b;
}

internal struct DivideOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a / b;
}

internal struct LessOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a < b ? T.One : T.Zero;
}

internal struct LessOrEqualOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a <= b ? T.One : T.Zero;
}

internal struct GreaterOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a > b ? T.One : T.Zero;
}

internal struct GreaterOrEqualOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a >= b ? T.One : T.Zero;
}

internal struct MinOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a < b ? a : b;
}

internal struct MaxOperation<T> : IBinaryOperation<T> where T : IBinaryFloatingPointIeee754<T>
{
    public static T Apply(T a, T b) => a > b ? a : b;
}

/// <summary>A binary operator, specialised per operation so the loop is tight.</summary>
internal sealed class BinaryNode<T, TOperation> : VectorNode<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TOperation : struct, IBinaryOperation<T>
{
    private readonly VectorNode<T> _left;
    private readonly VectorNode<T> _right;

    public BinaryNode(VectorNode<T> left, VectorNode<T> right)
    {
        _left = left;
        _right = right;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var l = _left.Eval(frame);
        var r = _right.Eval(frame);
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = TOperation.Apply(l[i], r[i]);
        }
        return span;
    }
}

/// <summary>The other binary operators (comparisons give 1 or 0; and/or test for non-zero).</summary>
internal sealed class GeneralBinaryNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly IrBinaryOperator _operator;
    private readonly VectorNode<T> _left;
    private readonly VectorNode<T> _right;

    public GeneralBinaryNode(IrBinaryOperator op, VectorNode<T> left, VectorNode<T> right)
    {
        _operator = op;
        _left = left;
        _right = right;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var l = _left.Eval(frame);
        var r = _right.Eval(frame);
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            T a = l[i];
            T b = r[i];
            span[i] = _operator switch
            {
                IrBinaryOperator.Modulo => Num<T>.Modulo(a, b),
                IrBinaryOperator.Power => Num<T>.Power(a, b),
                IrBinaryOperator.Less => Num<T>.Bool(a < b),
                IrBinaryOperator.LessOrEqual => Num<T>.Bool(a <= b),
                IrBinaryOperator.Greater => Num<T>.Bool(a > b),
                IrBinaryOperator.GreaterOrEqual => Num<T>.Bool(a >= b),
                IrBinaryOperator.Equal => Num<T>.Bool(a == b),
                IrBinaryOperator.NotEqual => Num<T>.Bool(a != b),
                IrBinaryOperator.And => Num<T>.Bool(a != T.Zero && b != T.Zero),
                IrBinaryOperator.Or => Num<T>.Bool(a != T.Zero || b != T.Zero),
                IrBinaryOperator.Min => a < b ? a : b,
                _ => a > b ? a : b,
            };
        }
        return span;
    }
}

internal sealed class UnaryNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly bool _negate;
    private readonly VectorNode<T> _operand;

    public UnaryNode(bool negate, VectorNode<T> operand)
    {
        _negate = negate;
        _operand = operand;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var x = _operand.Eval(frame);
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = _negate ? -x[i] : Num<T>.Bool(x[i] == T.Zero);
        }
        return span;
    }
}

internal sealed class CallNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MathFunction _function;
    private readonly VectorNode<T> _argument;

    public CallNode(MathFunction function, VectorNode<T> argument)
    {
        _function = function;
        _argument = argument;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var x = _argument.Eval(frame);
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Num<T>.Apply(_function, x[i]);
        }
        return span;
    }
}

/// <summary>where(c, a, b): both branches are evaluated for the block (they have no side effects), then chosen per element.</summary>
internal sealed class SelectNode<T> : VectorNode<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly VectorNode<T> _condition;
    private readonly VectorNode<T> _ifTrue;
    private readonly VectorNode<T> _ifFalse;

    public SelectNode(VectorNode<T> condition, VectorNode<T> ifTrue, VectorNode<T> ifFalse)
    {
        _condition = condition;
        _ifTrue = ifTrue;
        _ifFalse = ifFalse;
    }

    public override ReadOnlySpan<T> Eval(Frame<T> frame)
    {
        var c = _condition.Eval(frame);
        var a = _ifTrue.Eval(frame);
        var b = _ifFalse.Eval(frame);
        var span = Scratch.AsSpan(0, frame.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = c[i] != T.Zero ? a[i] : b[i];
        }
        return span;
    }
}
