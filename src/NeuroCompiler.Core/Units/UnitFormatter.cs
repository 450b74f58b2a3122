namespace NeuroCompiler.Core.Units;

/// <summary>
/// Writes a dimension as a readable unit: a named unit (V, A/s, V/s, S*V), else SI base units
/// (kg*m^2*s^-3*A^-1). Used in every unit diagnostic, so it prefers what a neuroscientist writes.
/// </summary>
public static class UnitFormatter
{
    private static readonly (string Name, Dimension Dimension)[] Named =
    {
        ("V", Dimension.Volt), ("A", Dimension.Ampere), ("S", Dimension.Siemens), ("F", Dimension.Farad),
        ("s", Dimension.Second), ("Ohm", Dimension.Ohm), ("m", Dimension.Metre), ("C", Dimension.Coulomb),
        ("W", Dimension.Watt), ("J", Dimension.Joule), ("kg", Dimension.Kilogram), ("K", Dimension.Kelvin),
        ("mol", Dimension.Mole), ("cd", Dimension.Candela),
    };

    public static string Format(Dimension dimension)
    {
        if (dimension.IsDimensionless)
        {
            return "1";
        }
        if (dimension == Dimension.Hertz)
        {
            return "Hz";
        }
        foreach (var (name, d) in Named)
        {
            if (d == dimension)
            {
                return name;
            }
        }
        // A named unit to a power, or two named units with powers: V/s, A/V, 1/s^2, V/s^0.5.
        // Fewest factors first, then the smallest total exponent, then the units earlier in the list.
        double[] powers = { 1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 3, -3 };
        (string Text, int Factors, double Size, int Rank)? best = null;
        void Consider(string text, int factors, double size, int rank)
        {
            if (best is not { } b || (factors, size, rank).CompareTo((b.Factors, b.Size, b.Rank)) < 0)
            {
                best = (text, factors, size, rank);
            }
        }
        for (int ia = 0; ia < Named.Length; ia++)
        {
            var (a, da) = Named[ia];
            foreach (double p in powers)
            {
                if (da.TryPower(p) is not { } x)
                {
                    continue;
                }
                if (x == dimension)
                {
                    Consider(Power(a, p), 1, Math.Abs(p), ia);
                }
                for (int ib = ia + 1; ib < Named.Length; ib++)
                {
                    var (b, db) = Named[ib];
                    foreach (double q in powers)
                    {
                        if (db.TryPower(q) is { } y && Multiply(x, y) == dimension)
                        {
                            Consider(Product(a, p, b, q), 2, Math.Abs(p) + Math.Abs(q), ia + ib);
                        }
                    }
                }
            }
        }
        return best?.Text ?? BaseUnits(dimension);
    }

    private static Dimension? Multiply(Dimension x, Dimension y)
    {
        try
        {
            return x * y;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string Product(string a, double p, string b, double q)
    {
        if (p > 0 && q < 0)
        {
            return $"{Power(a, p)}/{Power(b, -q)}";
        }
        if (q > 0 && p < 0)
        {
            return $"{Power(b, q)}/{Power(a, -p)}";
        }
        if (p < 0 && q < 0)
        {
            return $"1/({Power(a, -p)}*{Power(b, -q)})";
        }
        return $"{Power(a, p)}*{Power(b, q)}";
    }

    private static string Power(string name, double exponent) =>
        exponent == 1 ? name : exponent == -1 ? $"1/{name}" : $"{name}^{exponent.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static string BaseUnits(Dimension dimension)
    {
        string[] names = { "m", "kg", "s", "A", "K", "mol", "cd" };
        var parts = new List<string>();
        var exponents = dimension.Exponents;
        for (int i = 0; i < names.Length; i++)
        {
            if (exponents[i] != 0)
            {
                parts.Add(Power(names[i], exponents[i]).Replace("1/", "") + (exponents[i] == -1 ? "^-1" : ""));
            }
        }
        return string.Join("*", parts);
    }
}
