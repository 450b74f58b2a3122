namespace NeuroCompiler.Runtime;

/// <summary>The one-argument functions of the language, evaluated by <see cref="ScalarMath.Apply(MathFunction, double)"/>.</summary>
public enum MathFunction
{
    Exp,
    Log,
    Log10,
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Sin,
    Cos,
    Tanh,
}
