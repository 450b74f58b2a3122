namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// +, − and × in generated code, parenthesised so C# evaluates exactly the IR's tree. .NET never
/// fuses them; on a GPU, <c>PtxCompiler</c> gives every floating-point add, subtract and multiply
/// a rounding modifier so that the PTX assembler cannot fuse them either.
/// </summary>
public static class Arithmetic
{
    public static string Add(string left, string right) => $"({left} + {right})";

    public static string Subtract(string left, string right) => $"({left} - {right})";

    public static string Multiply(string left, string right) => $"({left} * {right})";

    /// <summary>The new value of <paramref name="target"/> after <c>target op= value</c> (or <c>target = value</c>).</summary>
    public static string Assigned(string target, IR.AssignOperator op, string value) => op switch
    {
        IR.AssignOperator.Add => Add(target, value),
        IR.AssignOperator.Subtract => Subtract(target, value),
        IR.AssignOperator.Multiply => Multiply(target, value),
        IR.AssignOperator.Divide => $"({target} / {value})",
        _ => value,
    };
}
