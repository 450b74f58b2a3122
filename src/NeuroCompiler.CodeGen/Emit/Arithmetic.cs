namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// How generated code writes +, − and ×. On the host, C# operators: .NET never fuses them. On a GPU,
/// ILGPU emits <c>add.f32</c>/<c>mul.f32</c> without a rounding modifier, which the PTX assembler may
/// contract into a fused multiply-add with a different rounding; the device flavour calls
/// <c>Rn.Add</c>/<c>Rn.Sub</c>/<c>Rn.Mul</c>, which are <c>add.rn</c>/<c>sub.rn</c>/<c>mul.rn</c> in inline PTX
/// (never contracted) and the plain operators elsewhere. Division is <c>div.rn</c> already.
/// </summary>
internal sealed class Arithmetic
{
    public static readonly Arithmetic Host = new(rounded: false);
    public static readonly Arithmetic Device = new(rounded: true);

    private Arithmetic(bool rounded)
    {
        Rounded = rounded;
    }

    /// <summary>Whether operations are written as explicitly rounded calls (the device flavour).</summary>
    public bool Rounded { get; }

    public string Add(string left, string right) => Rounded ? $"Rn.Add({left}, {right})" : $"({left} + {right})";

    public string Subtract(string left, string right) => Rounded ? $"Rn.Sub({left}, {right})" : $"({left} - {right})";

    public string Multiply(string left, string right) => Rounded ? $"Rn.Mul({left}, {right})" : $"({left} * {right})";
}
