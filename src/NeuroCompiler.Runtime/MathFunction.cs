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
    /// <summary>exprel(x) = (exp(x) - 1) / x, and 1 at x = 0: the rate functions of Hodgkin–Huxley models without their removable singularity.</summary>
    Exprel,
}
