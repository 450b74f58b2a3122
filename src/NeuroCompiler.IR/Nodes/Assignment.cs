namespace NeuroCompiler.IR;

public enum AssignOperator
{
    Assign,
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>One statement of a reset or event handler: target op= value.</summary>
public sealed record Assignment(VariableRef Target, AssignOperator Operator, IrExpression Value);
