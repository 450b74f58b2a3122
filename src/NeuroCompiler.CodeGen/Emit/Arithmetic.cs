namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// +, − and × in generated code, parenthesised so C# evaluates exactly the IR's tree. .NET never
/// fuses them; on a GPU, <c>PtxCompiler</c> gives every floating-point add, subtract and multiply
/// a rounding modifier so that the PTX assembler cannot fuse them either.
/// </summary>
internal static class Arithmetic
{
    public static string Add(string left, string right) => $"({left} + {right})";

    public static string Subtract(string left, string right) => $"({left} - {right})";

    public static string Multiply(string left, string right) => $"({left} * {right})";
}
