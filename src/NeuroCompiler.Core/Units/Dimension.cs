namespace NeuroCompiler.Core.Units;

/// <summary>
/// The physical dimension of a quantity: exponents of the SI base units metre, kilogram, second,
/// ampere, kelvin, mole and candela. Exponents are stored doubled so that half powers (the white
/// noise <c>xi</c> has units s^-1/2, <c>sqrt(ms)</c> is s^1/2) are exact. A dimension is a value:
/// checking units is a comparison.
/// </summary>
public readonly record struct Dimension(sbyte Metre2, sbyte Kilogram2, sbyte Second2, sbyte Ampere2, sbyte Kelvin2, sbyte Mole2, sbyte Candela2)
{
    public static readonly Dimension None = default;
    public static readonly Dimension Metre = new(2, 0, 0, 0, 0, 0, 0);
    public static readonly Dimension Kilogram = new(0, 2, 0, 0, 0, 0, 0);
    public static readonly Dimension Second = new(0, 0, 2, 0, 0, 0, 0);
    public static readonly Dimension Ampere = new(0, 0, 0, 2, 0, 0, 0);
    public static readonly Dimension Kelvin = new(0, 0, 0, 0, 2, 0, 0);
    public static readonly Dimension Mole = new(0, 0, 0, 0, 0, 2, 0);
    public static readonly Dimension Candela = new(0, 0, 0, 0, 0, 0, 2);

    public static readonly Dimension Hertz = Second.Power(-1);
    public static readonly Dimension Volt = Kilogram * Metre.Power(2) * Second.Power(-3) * Ampere.Power(-1);
    public static readonly Dimension Siemens = Ampere / Volt;
    public static readonly Dimension Ohm = Volt / Ampere;
    public static readonly Dimension Farad = Ampere * Second / Volt;
    public static readonly Dimension Coulomb = Ampere * Second;
    public static readonly Dimension Watt = Volt * Ampere;
    public static readonly Dimension Joule = Watt * Second;

    public bool IsDimensionless => this == None;

    private sbyte[] Exponents2 => new[] { Metre2, Kilogram2, Second2, Ampere2, Kelvin2, Mole2, Candela2 };

    private static Dimension FromExponents2(ReadOnlySpan<int> e)
    {
        foreach (int x in e)
        {
            if (x is < sbyte.MinValue or > sbyte.MaxValue)
            {
                throw new OverflowException("unit exponent out of range");
            }
        }
        return new((sbyte)e[0], (sbyte)e[1], (sbyte)e[2], (sbyte)e[3], (sbyte)e[4], (sbyte)e[5], (sbyte)e[6]);
    }

    public static Dimension operator *(Dimension a, Dimension b) => Combine(a, b, 1);

    public static Dimension operator /(Dimension a, Dimension b) => Combine(a, b, -1);

    private static Dimension Combine(Dimension a, Dimension b, int sign)
    {
        var x = a.Exponents2;
        var y = b.Exponents2;
        Span<int> e = stackalloc int[7];
        for (int i = 0; i < 7; i++)
        {
            e[i] = x[i] + sign * y[i];
        }
        return FromExponents2(e);
    }

    /// <summary>Raises to a rational power p/q (q is 1 or 2 in practice). Returns null when an exponent would not be a multiple of 1/2.</summary>
    public Dimension? TryPower(double exponent)
    {
        var x = Exponents2;
        Span<int> e = stackalloc int[7];
        for (int i = 0; i < 7; i++)
        {
            double value = x[i] * exponent;
            double rounded = Math.Round(value);
            if (Math.Abs(value - rounded) > 1e-9 || Math.Abs(rounded) > sbyte.MaxValue)
            {
                return null;
            }
            e[i] = (int)rounded;
        }
        return FromExponents2(e);
    }

    public Dimension Power(int exponent) => TryPower(exponent)!.Value;

    /// <summary>The exponent of each base unit (metre, kg, s, A, K, mol, cd), as ordinary numbers.</summary>
    public IReadOnlyList<double> Exponents => Exponents2.Select(e => e / 2.0).ToArray();

    public override string ToString() => UnitFormatter.Format(this);
}
