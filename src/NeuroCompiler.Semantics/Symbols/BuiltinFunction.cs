namespace NeuroCompiler.Semantics;

/// <summary>The functions an expression may call. Random ones draw from the counter-based generator.</summary>
public enum BuiltinFunction
{
    Exp,
    Log,
    Log10,
    Sqrt,
    Abs,
    Min,
    Max,
    Clip,
    Pow,
    Floor,
    Ceil,
    Sin,
    Cos,
    Tanh,
    /// <summary><c>exprel(x)</c> = (exp(x) - 1)/x, 1 at 0.</summary>
    Exprel,
    /// <summary><c>where(condition, a, b)</c>: a where the condition holds, else b.</summary>
    Where,
    /// <summary><c>rand()</c>: uniform on [0, 1).</summary>
    Rand,
    /// <summary><c>randn()</c>: standard normal.</summary>
    Randn,
    /// <summary><c>uniform(low, high)</c> = low + (high - low) * rand().</summary>
    Uniform,
    /// <summary><c>normal(mean, sd)</c> = mean + sd * randn().</summary>
    Normal,
}

public static class BuiltinFunctions
{
    public static bool IsRandom(this BuiltinFunction function) =>
        function is BuiltinFunction.Rand or BuiltinFunction.Randn or BuiltinFunction.Uniform or BuiltinFunction.Normal;

    public static bool TryLookup(string name, out BuiltinFunction function, out int minArgs, out int maxArgs)
    {
        (function, minArgs, maxArgs) = name switch
        {
            "exp" => (BuiltinFunction.Exp, 1, 1),
            "log" => (BuiltinFunction.Log, 1, 1),
            "log10" => (BuiltinFunction.Log10, 1, 1),
            "sqrt" => (BuiltinFunction.Sqrt, 1, 1),
            "abs" => (BuiltinFunction.Abs, 1, 1),
            "min" => (BuiltinFunction.Min, 2, 2),
            "max" => (BuiltinFunction.Max, 2, 2),
            "clip" => (BuiltinFunction.Clip, 3, 3),
            "pow" => (BuiltinFunction.Pow, 2, 2),
            "floor" => (BuiltinFunction.Floor, 1, 1),
            "ceil" => (BuiltinFunction.Ceil, 1, 1),
            "sin" => (BuiltinFunction.Sin, 1, 1),
            "cos" => (BuiltinFunction.Cos, 1, 1),
            "tanh" => (BuiltinFunction.Tanh, 1, 1),
            "exprel" => (BuiltinFunction.Exprel, 1, 1),
            "where" => (BuiltinFunction.Where, 3, 3),
            "rand" => (BuiltinFunction.Rand, 0, 0),
            "randn" => (BuiltinFunction.Randn, 0, 0),
            "uniform" => (BuiltinFunction.Uniform, 2, 2),
            "normal" => (BuiltinFunction.Normal, 2, 2),
            _ => ((BuiltinFunction)(-1), -1, -1),
        };
        return minArgs >= 0;
    }

    public static string Name(this BuiltinFunction function) => function.ToString().ToLowerInvariant();
}
