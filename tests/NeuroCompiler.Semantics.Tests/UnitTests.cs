using NeuroCompiler.Core.Units;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>Core units: the dimension algebra, the unit table and the unit formatter.</summary>
public class DimensionTests
{
    private static double[] E(params double[] exponents) => exponents.Concat(new double[7 - exponents.Length]).ToArray();

    [Fact]
    public void VoltIsKilogramMetreSquaredPerSecondCubedPerAmpere()
    {
        Assert.Equal(E(2, 1, -3, -1), Dimension.Volt.Exponents);
        Assert.Equal(Dimension.Kilogram * Dimension.Metre.Power(2) / Dimension.Second.Power(3) / Dimension.Ampere, Dimension.Volt);
    }

    [Fact]
    public void DerivedUnits()
    {
        Assert.Equal(Dimension.Ampere / Dimension.Volt, Dimension.Siemens);
        Assert.Equal(E(-2, -1, 3, 2), Dimension.Siemens.Exponents);
        Assert.Equal(Dimension.Ampere, Dimension.Volt * Dimension.Siemens);
        Assert.Equal(Dimension.Volt, Dimension.Ampere * Dimension.Ohm);
        Assert.Equal(Dimension.None, Dimension.Ohm * Dimension.Siemens);
        Assert.Equal(Dimension.Second, Dimension.Farad * Dimension.Ohm);          // an RC time constant
        Assert.Equal(Dimension.Volt / Dimension.Second, Dimension.Ampere / Dimension.Farad); // C dv/dt = I
        Assert.Equal(E(0, 0, -1), Dimension.Hertz.Exponents);
        Assert.Equal(Dimension.None, Dimension.Hertz * Dimension.Second);
        Assert.Equal(Dimension.Joule, Dimension.Volt * Dimension.Coulomb);
        Assert.Equal(Dimension.Watt, Dimension.Joule / Dimension.Second);
    }

    [Fact]
    public void DimensionlessAndEquality()
    {
        Assert.True(Dimension.None.IsDimensionless);
        Assert.True((Dimension.Volt / Dimension.Volt).IsDimensionless);
        Assert.False(Dimension.Volt.IsDimensionless);
        Assert.NotEqual(Dimension.Volt, Dimension.Ampere);
        Assert.Equal(Dimension.None, default(Dimension));
    }

    [Fact]
    public void HalfPowers()
    {
        var perRootSecond = Dimension.Second.TryPower(-0.5);
        Assert.NotNull(perRootSecond);
        Assert.Equal(E(0, 0, -0.5), perRootSecond.Value.Exponents);
        Assert.Equal(Dimension.Hertz, perRootSecond.Value * perRootSecond.Value);
        Assert.Equal(Dimension.Second, Dimension.Second.TryPower(0.5)!.Value.Power(2));
        // sqrt(V^2) and sqrt of a volt: a volt has only whole exponents, so its root has halves.
        Assert.Equal(Dimension.Volt, (Dimension.Volt * Dimension.Volt).TryPower(0.5));
        Assert.Equal(E(1, 0.5, -1.5, -0.5), Dimension.Volt.TryPower(0.5)!.Value.Exponents);
        Assert.Equal(Dimension.None, Dimension.Volt.TryPower(0));
    }

    [Theory]
    [InlineData(1.0 / 3)]
    [InlineData(0.25)]
    [InlineData(0.1)]
    [InlineData(-1.5 + 1e-3)]
    [InlineData(2.75)]
    public void TryPowerFailsForExponentsThatAreNotMultiplesOfOneHalf(double exponent)
    {
        Assert.Null(Dimension.Second.TryPower(exponent));
        Assert.Null(Dimension.Volt.TryPower(exponent));
        Assert.Null(Dimension.Hertz.TryPower(exponent));
    }

    [Fact]
    public void TryPowerOfAHalfPowerNeedsAWholeResult()
    {
        var root = Dimension.Second.TryPower(0.5)!.Value;
        Assert.Null(root.TryPower(0.5));            // s^1/4
        Assert.Equal(Dimension.Second.TryPower(1.5), root.TryPower(3));
        Assert.Equal(Dimension.None, Dimension.None.TryPower(1.0 / 3)); // a dimensionless base takes any power
    }

    [Fact]
    public void TooLargeExponentsAreRefused()
    {
        Assert.Null(Dimension.Metre.TryPower(64));
        Assert.NotNull(Dimension.Metre.TryPower(63));
        Assert.Throws<OverflowException>(() => Dimension.Metre.Power(40) * Dimension.Metre.Power(40));
    }
}

public class UnitTableTests
{
    [Theory]
    [InlineData("mV", 1e-3, "V")]
    [InlineData("V", 1, "V")]
    [InlineData("mvolt", 1e-3, "V")]
    [InlineData("nS", 1e-9, "S")]
    [InlineData("uS", 1e-6, "S")]
    [InlineData("nsiemens", 1e-9, "S")]
    [InlineData("pA", 1e-12, "A")]
    [InlineData("nA", 1e-9, "A")]
    [InlineData("pamp", 1e-12, "A")]
    [InlineData("pF", 1e-12, "F")]
    [InlineData("fF", 1e-15, "F")]
    [InlineData("MOhm", 1e6, "Ohm")]
    [InlineData("Mohm", 1e6, "Ohm")]
    [InlineData("k\u03A9", 1e3, "Ohm")]
    [InlineData("\u00B5m", 1e-6, "m")]
    [InlineData("\u03BCm", 1e-6, "m")]
    [InlineData("um", 1e-6, "m")]
    [InlineData("cm", 1e-2, "m")]
    [InlineData("m", 1, "m")]
    [InlineData("ms", 1e-3, "s")]
    [InlineData("s", 1, "s")]
    [InlineData("min", 60, "s")]
    [InlineData("h", 3600, "s")]
    [InlineData("Hz", 1, "Hz")]
    [InlineData("kHz", 1e3, "Hz")]
    [InlineData("kg", 1, "kg")]
    [InlineData("g", 1e-3, "kg")]
    [InlineData("mmol", 1e-3, "mol")]
    [InlineData("cd", 1, "cd")]
    public void KnownUnits(string name, double scale, string dimension)
    {
        Assert.True(UnitTable.TryLookup(name, out var unit), name);
        Assert.Equal(name, unit.Name);
        Assert.Equal(scale, unit.Scale, scale * 1e-12);
        Assert.Equal(dimension, UnitFormatter.Format(unit.Dimension));
    }

    [Fact]
    public void MillisecondMetreAndMinuteAreDistinct()
    {
        Assert.True(UnitTable.TryLookup("ms", out var ms));
        Assert.True(UnitTable.TryLookup("m", out var m));
        Assert.True(UnitTable.TryLookup("min", out var min));
        Assert.Equal(Dimension.Second, ms.Dimension);
        Assert.Equal(Dimension.Metre, m.Dimension);
        Assert.Equal(Dimension.Second, min.Dimension);
        Assert.Equal(60, min.Scale);
        Assert.Equal(1e-3, ms.Scale);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mVV")]
    [InlineData("mM")]
    [InlineData("M")]
    [InlineData("\u00B5volt")]
    [InlineData("MV ")]
    [InlineData("hz")]
    [InlineData("Ms2")]
    public void UnknownUnits(string name) => Assert.False(UnitTable.TryLookup(name, out _));

    [Fact]
    public void SuggestionsAreCaseInsensitiveMatches()
    {
        Assert.Contains("mvolt", UnitTable.Suggest("mVolt"));
        Assert.Equal(new[] { "Hz" }, UnitTable.Suggest("hz"));
        Assert.Empty(UnitTable.Suggest("xyz"));
    }

    [Fact]
    public void EveryNameLooksUpToItself()
    {
        foreach (var name in UnitTable.Names)
        {
            Assert.True(UnitTable.TryLookup(name, out var unit));
            Assert.Equal(name, unit.Name);
            Assert.True(unit.Scale > 0);
        }
    }
}

public class UnitFormatterTests
{
    [Fact]
    public void CommonDimensions()
    {
        Assert.Equal("1", UnitFormatter.Format(Dimension.None));
        Assert.Equal("V", UnitFormatter.Format(Dimension.Volt));
        Assert.Equal("A", UnitFormatter.Format(Dimension.Ampere));
        Assert.Equal("A", UnitFormatter.Format(Dimension.Volt * Dimension.Siemens));
        Assert.Equal("S", UnitFormatter.Format(Dimension.Siemens));
        Assert.Equal("F", UnitFormatter.Format(Dimension.Farad));
        Assert.Equal("Ohm", UnitFormatter.Format(Dimension.Ohm));
        Assert.Equal("s", UnitFormatter.Format(Dimension.Second));
        Assert.Equal("Hz", UnitFormatter.Format(Dimension.Hertz));
        Assert.Equal("Hz", UnitFormatter.Format(Dimension.Volt / Dimension.Second / Dimension.Volt));
        Assert.Equal("V/s", UnitFormatter.Format(Dimension.Volt / Dimension.Second));
        Assert.Equal("A/s", UnitFormatter.Format(Dimension.Ampere / Dimension.Second));
        Assert.Equal("1/V", UnitFormatter.Format(Dimension.None / Dimension.Volt));
        Assert.Equal("V^2", UnitFormatter.Format(Dimension.Volt * Dimension.Volt));
        Assert.Equal("S/m^2", UnitFormatter.Format(Dimension.Siemens / Dimension.Metre.Power(2)));
        Assert.Equal("s^-2", UnitFormatter.Format(Dimension.Second.Power(-2)));
    }

    [Fact]
    public void HalfPowersAndBaseUnits()
    {
        Assert.Equal("s^-0.5", UnitFormatter.Format(Dimension.Second.TryPower(-0.5)!.Value));
        Assert.Equal("s^0.5", UnitFormatter.Format(Dimension.Second.TryPower(0.5)!.Value));
        Assert.Equal("m*K^3*mol", UnitFormatter.Format(Dimension.Metre * Dimension.Kelvin.Power(3) * Dimension.Mole));
        Assert.Equal("V", Dimension.Volt.ToString());
    }
}
