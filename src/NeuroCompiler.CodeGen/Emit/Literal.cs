using System.Globalization;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>Numbers as C# literals of the model's precision, exact to the bit (a value is rounded to the precision once, as the interpreter does).</summary>
public static class Literal
{
    public static string Type(Precision precision) => precision == Precision.Float32 ? "float" : "double";

    public static string Of(double value, Precision precision)
    {
        if (precision == Precision.Float32)
        {
            float f = (float)value;
            if (float.IsNaN(f))
            {
                return "float.NaN";
            }
            if (float.IsInfinity(f))
            {
                return f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
            }
            string text = f.ToString("R", CultureInfo.InvariantCulture) + "f";
            return f < 0 || (f == 0 && float.IsNegative(f)) ? $"({(f == 0 ? "-0f" : text)})" : text;
        }
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }
        string d = value.ToString("R", CultureInfo.InvariantCulture);
        if (!d.Contains('.') && !d.Contains('E'))
        {
            d += ".0";
        }
        return value < 0 || (value == 0 && double.IsNegative(value)) ? $"({(value == 0 ? "-0.0" : d)})" : d;
    }
}
