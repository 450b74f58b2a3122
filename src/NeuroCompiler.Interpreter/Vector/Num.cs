using System.Numerics;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.Interpreter.Vector;

/// <summary>
/// The language's functions in the model's precision. float32 and float64 go to the matching
/// <see cref="ScalarMath"/> overloads; the type tests vanish when the JIT specialises the code.
/// </summary>
public static class Num<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static T From(double value) => T.CreateTruncating(value);

    public static double ToDouble(T value) => double.CreateTruncating(value);

    public static T Apply(MathFunction function, T x) => typeof(T) == typeof(float)
        ? (T)(object)ScalarMath.Apply(function, (float)(object)x)
        : (T)(object)ScalarMath.Apply(function, (double)(object)x);

    public static T Power(T a, T b) => typeof(T) == typeof(float)
        ? (T)(object)ScalarMath.Power((float)(object)a, (float)(object)b)
        : (T)(object)ScalarMath.Power((double)(object)a, (double)(object)b);

    public static T Modulo(T a, T b) => typeof(T) == typeof(float)
        ? (T)(object)ScalarMath.Modulo((float)(object)a, (float)(object)b)
        : (T)(object)ScalarMath.Modulo((double)(object)a, (double)(object)b);

    public static T Uniform(ulong seed, uint stream, uint index, ulong step) => typeof(T) == typeof(float)
        ? (T)(object)CounterRng.UniformSingle(seed, stream, index, step)
        : (T)(object)CounterRng.UniformDouble(seed, stream, index, step);

    public static T Normal(ulong seed, uint stream, uint index, ulong step) => typeof(T) == typeof(float)
        ? (T)(object)CounterRng.NormalSingle(seed, stream, index, step)
        : (T)(object)CounterRng.NormalDouble(seed, stream, index, step);

    public static T Bool(bool value) => value ? T.One : T.Zero;
}
