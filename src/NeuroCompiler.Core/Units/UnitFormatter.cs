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
        ("Ohm", Dimension.Ohm), ("s", Dimension.Second), ("m", Dimension.Metre), ("C", Dimension.Coulomb),
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
        // One named unit over another, or one named unit to a power: V/s, A/V, 1/s^2, s^0.5 ...
        string? best = null;
        foreach (var (a, da) in Named)
        {
            for (int p = -2; p <= 2; p++)
            {
                if (p == 0)
                {
                    continue;
                }
                if (da.TryPower(p) == dimension)
                {
                    return Power(a, p);
                }
                if (da.TryPower(p * 0.5) == dimension)
                {
                    return Power(a, p * 0.5);
                }
                foreach (var (b, db) in Named)
                {
                    if (b == a)
                    {
                        continue;
                    }
                    for (int q = -2; q <= 2; q++)
                    {
                        if (q == 0)
                        {
                            continue;
                        }
                        if (da.TryPower(p) is { } x && db.TryPower(q) is { } y && x * y == dimension)
                        {
                            string candidate = Product(a, p, b, q);
                            if (best is null || candidate.Length < best.Length)
                            {
                                best = candidate;
                            }
                        }
                    }
                }
            }
        }
        return best ?? BaseUnits(dimension);
    }

    private static string Product(string a, int p, string b, int q)
    {
        if (p > 0 && q < 0)
        {
            return $"{Power(a, p)}/{Power(b, -q)}";
        }
        if (q > 0 && p < 0)
        {
            return $"{Power(b, q)}/{Power(a, -p)}";
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
