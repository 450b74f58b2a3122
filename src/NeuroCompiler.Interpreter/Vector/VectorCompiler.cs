using System.Numerics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>Compiles an IR expression into a tree of vector nodes; variables come from a resolver that knows the context.</summary>
internal static class VectorCompiler<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static VectorNode<T> Compile(IrExpression expression, Func<VariableRef, VectorNode<T>> resolve, ulong seed)
    {
        NestingGuard.EnsureStack();
        return expression switch
        {
            IrConstant c => new ConstantNode<T>(Num<T>.From(c.Value)),
            IrVariable v => resolve(v.Ref),
            IrRandom r => new RandomNode<T>(seed, r.Stream, r.Kind == RandomKind.Normal),
            IrUnary u => u.Operand is IrConstant c && u.Operator == IrUnaryOperator.Negate
                ? new ConstantNode<T>(-Num<T>.From(c.Value))
                : new UnaryNode<T>(u.Operator == IrUnaryOperator.Negate, Compile(u.Operand, resolve, seed)),
            IrBinary b => Binary(b, resolve, seed),
            IrCall c => new CallNode<T>(c.Function, Compile(c.Argument, resolve, seed)),
            IrSelect s => new SelectNode<T>(Compile(s.Condition, resolve, seed), Compile(s.IfTrue, resolve, seed), Compile(s.IfFalse, resolve, seed)),
            _ => throw new InvalidOperationException($"{expression.GetType().Name} cannot be evaluated by the interpreter"),
        };
    }

    private static VectorNode<T> Binary(IrBinary b, Func<VariableRef, VectorNode<T>> resolve, ulong seed)
    {
        var left = Compile(b.Left, resolve, seed);
        var right = Compile(b.Right, resolve, seed);
        return b.Operator switch
        {
            IrBinaryOperator.Add => new BinaryNode<T, AddOperation<T>>(left, right),
            IrBinaryOperator.Subtract => new BinaryNode<T, SubtractOperation<T>>(left, right),
            IrBinaryOperator.Multiply => new BinaryNode<T, MultiplyOperation<T>>(left, right),
            IrBinaryOperator.Divide => new BinaryNode<T, DivideOperation<T>>(left, right),
            IrBinaryOperator.Less => new BinaryNode<T, LessOperation<T>>(left, right),
            IrBinaryOperator.LessOrEqual => new BinaryNode<T, LessOrEqualOperation<T>>(left, right),
            IrBinaryOperator.Greater => new BinaryNode<T, GreaterOperation<T>>(left, right),
            IrBinaryOperator.GreaterOrEqual => new BinaryNode<T, GreaterOrEqualOperation<T>>(left, right),
            IrBinaryOperator.Min => new BinaryNode<T, MinOperation<T>>(left, right),
            IrBinaryOperator.Max => new BinaryNode<T, MaxOperation<T>>(left, right),
            _ => new GeneralBinaryNode<T>(b.Operator, left, right),
        };
    }
}
