using NeuroCompiler.Core.Units;
using static NeuroCompiler.Semantics.Tests.Bind;
using static NeuroCompiler.Semantics.Tests.BinderTests;

namespace NeuroCompiler.Semantics.Tests;

/// <summary>
/// A power right after a unit is the unit's, as Brian2 reads <c>20000*umetre**2</c>: 20000 um**2 is 2e-8 m²,
/// (20000 um)**2 is 4e-4 m². A user porting COBAHH got capacitances 20,000 times too large from the other reading.
/// </summary>
public class UnitPowerTests
{
    private static (double Value, Dimension Unit) Param(string expression, params string[] more)
    {
        var model = Clean(string.Join("\n", more.Append($"param x = {expression}")) + "\n");
        var x = model.Globals.Single(g => g.Symbol.Name == "x");
        return (x.Evaluated, x.Symbol.Dimension);
    }

    [Theory]
    [InlineData("20000 um**2", 2e-8, 2)]
    [InlineData("20000 um^2", 2e-8, 2)]
    [InlineData("(20000 um)**2", 4e-4, 2)]
    [InlineData("20000 * um**2", 2e-8, 2)]
    [InlineData("-20000 um**2", -2e-8, 2)]
    [InlineData("2 um**-2", 2e12, -2)]
    [InlineData("3 um**2 * 2", 6e-12, 2)]
    [InlineData("1 um**3", 1e-18, 3)]
    [InlineData("1 um**(1 + 2)", 1e-18, 3)]
    [InlineData("1 um**n", 1e-18, 3)]
    public void AreasAndVolumes(string expression, double value, int metres)
    {
        var (actual, unit) = Param(expression, "param n = 3");
        Close(value, actual);
        Assert.Equal(Dimension.Metre.Power(metres), unit);
    }

    [Fact]
    public void OtherUnitsAfterANumber()
    {
        var (rate, perSecond) = Param("1 um**2/ms");
        Close(1e-9, rate);
        Assert.Equal(Dimension.Metre.Power(2) / Dimension.Second, perSecond);
        var (conductance, siemensPerArea) = Param("0.1 mS / cm**2");
        Close(1, conductance);
        Assert.Equal(Dimension.Siemens / Dimension.Metre.Power(2), siemensPerArea);
        var (root, halfVolt) = Param("4 mV**0.5");
        Close(4 * Math.Sqrt(1e-3), root);
        Assert.Equal(Dimension.Volt.TryPower(0.5), halfVolt);
        var (hertz, inverse) = Param("1/ms");
        Close(1000, hertz);
        Assert.Equal(Dimension.Hertz, inverse);
    }

    [Fact]
    public void TheUnitsPowerFollowsThePowerRules() => Expect("""
        param a = 2 «mV**0.3»
        param b = 1 ms**«rand»()
        param c = 1 ms**«2 mV»
        param d = 1 «mVV»**2
        """,
        "NC0209 V to the power 0.3 has no unit",
        "NC0114 random function 'rand' cannot be used",
        "NC0204 an exponent must be dimensionless, but this has unit V",
        "NC0202 unknown unit 'mVV'");
}
