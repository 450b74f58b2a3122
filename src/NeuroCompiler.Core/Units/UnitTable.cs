using System.Collections.Frozen;

namespace NeuroCompiler.Core.Units;

/// <summary>A unit name's meaning: its size in SI base units and its dimension. <c>mV</c> is (1e-3, volt).</summary>
public readonly record struct UnitDefinition(string Name, double Scale, Dimension Dimension);

/// <summary>
/// The unit names the language knows: the base names V, A, S, F, Ohm, Hz, s, m, g, C, W, J, mol, K
/// (and spelled-out forms such as volt, second), each with the SI prefixes p n u µ m k M G
/// (and f, c). Exact-name entries win over prefix decomposition, so <c>m</c> is metre and
/// <c>ms</c> is millisecond.
/// </summary>
public static class UnitTable
{
    private static readonly (string Name, double Scale, Dimension Dimension)[] BaseUnits =
    {
        ("V", 1, Dimension.Volt), ("volt", 1, Dimension.Volt),
        ("A", 1, Dimension.Ampere), ("amp", 1, Dimension.Ampere), ("ampere", 1, Dimension.Ampere),
        ("S", 1, Dimension.Siemens), ("siemens", 1, Dimension.Siemens),
        ("F", 1, Dimension.Farad), ("farad", 1, Dimension.Farad),
        ("Ohm", 1, Dimension.Ohm), ("ohm", 1, Dimension.Ohm), ("\u03A9", 1, Dimension.Ohm),
        ("Hz", 1, Dimension.Hertz), ("hertz", 1, Dimension.Hertz),
        ("s", 1, Dimension.Second), ("second", 1, Dimension.Second),
        ("m", 1, Dimension.Metre), ("metre", 1, Dimension.Metre), ("meter", 1, Dimension.Metre),
        ("g", 1e-3, Dimension.Kilogram), ("gram", 1e-3, Dimension.Kilogram),
        ("C", 1, Dimension.Coulomb), ("coulomb", 1, Dimension.Coulomb),
        ("W", 1, Dimension.Watt), ("watt", 1, Dimension.Watt),
        ("J", 1, Dimension.Joule), ("joule", 1, Dimension.Joule),
        ("mol", 1, Dimension.Mole), ("mole", 1, Dimension.Mole),
        ("K", 1, Dimension.Kelvin), ("kelvin", 1, Dimension.Kelvin),
        ("cd", 1, Dimension.Candela),
    };

    private static readonly (string Prefix, double Scale)[] Prefixes =
    {
        ("f", 1e-15), ("p", 1e-12), ("n", 1e-9), ("u", 1e-6), ("\u00B5", 1e-6), ("\u03BC", 1e-6),
        ("m", 1e-3), ("c", 1e-2), ("k", 1e3), ("M", 1e6), ("G", 1e9),
    };

    private static readonly FrozenDictionary<string, UnitDefinition> Units = Build();

    private static FrozenDictionary<string, UnitDefinition> Build()
    {
        var units = new Dictionary<string, UnitDefinition>(StringComparer.Ordinal);
        foreach (var (name, scale, dimension) in BaseUnits)
        {
            foreach (var (prefix, prefixScale) in Prefixes)
            {
                // Spelled-out names take ASCII prefixes only, as Brian2 writes them (mvolt, nsiemens, pamp).
                if (name.Length > 3 && !char.IsAsciiLetter(prefix[0]))
                {
                    continue;
                }
                units.TryAdd(prefix + name, new UnitDefinition(prefix + name, prefixScale * scale, dimension));
            }
        }
        // Exact names win over a prefix reading (m is metre, not milli-nothing; cd is candela).
        foreach (var (name, scale, dimension) in BaseUnits)
        {
            units[name] = new UnitDefinition(name, scale, dimension);
        }
        units["min"] = new UnitDefinition("min", 60, Dimension.Second);
        units["h"] = new UnitDefinition("h", 3600, Dimension.Second);
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static bool TryLookup(string name, out UnitDefinition unit) => Units.TryGetValue(name, out unit);

    public static IEnumerable<string> Names => Units.Keys;

    /// <summary>The closest known unit names to a misspelled one, for "did you mean" hints.</summary>
    public static IReadOnlyList<string> Suggest(string name) =>
        Units.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
}
