using System.Text.RegularExpressions;
using NeuroCompiler.Core.Text;
using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>
/// Every place a unit follows a number: a power right after the unit is the unit's (Brian2's
/// <c>20000*umetre**2</c>), everything else treats the quantity as one value, and a keyword is never a unit.
/// </summary>
public class UnitAfterNumberTests
{
    [Theory]
    [InlineData("20000 um**2", "20000[um**2]")]
    [InlineData("20000 um^2", "20000[um**2]")]
    [InlineData("20000um ** 2", "20000[um**2]")]
    [InlineData("(20000 um)**2", "(** 20000[um] 2)")]
    [InlineData("2 um**-2", "2[um**(neg 2)]")]
    [InlineData("1 um**2/ms", "(/ 1[um**2] ms)")]
    [InlineData("1 um**2 / (1 ms)", "(/ 1[um**2] 1[ms])")]
    [InlineData("3 um**2 * 2", "(* 3[um**2] 2)")]
    [InlineData("-20000 um**2", "(neg 20000[um**2])")]
    [InlineData("2 ms**2**3", "2[ms**(** 2 3)]")]
    [InlineData("2 ms**(1 + 1)", "2[ms**(+ 1 1)]")]
    [InlineData("a ** 2 ms**2", "(** a 2[ms**2])")]
    [InlineData("1e3**2", "(** 1e3 2)")]
    [InlineData("2**2", "(** 2 2)")]
    [InlineData("1/ms", "(/ 1 ms)")]
    [InlineData("1 / ms", "(/ 1 ms)")]
    [InlineData("mV/ms", "(/ mV ms)")]
    [InlineData("um**-2", "(** um (neg 2))")]
    [InlineData("x * 2 nS*mV", "(* (* x 2[nS]) mV)")]
    [InlineData("a / 2 ms", "(/ a 2[ms])")]
    public void APowerAfterTheUnitIsTheUnits(string source, string expected) => Assert.Equal(expected, Sexp(Expr(source)));

    [Fact]
    public void TheQuantityWithAUnitPowerSpansTheExponent()
    {
        var quantity = Assert.IsType<QuantityLiteralSyntax>(Expr("20000 um**2", out var text));
        Assert.Equal("20000 um**2", text.ToString(quantity.Span));
        Assert.Equal("um", text.ToString(quantity.Unit.Span));
        Assert.Equal("2", text.ToString(quantity.UnitExponent!.Span));
        Assert.Equal(20000, quantity.Value);
    }

    [Theory]
    [InlineData("a > 0.5 or a < -1", "(or (> a 0.5) (< a (neg 1)))")]
    [InlineData("a > 0.5 and a < 1", "(and (> a 0.5) (< a 1))")]
    [InlineData("a > 1or b", "(or (> a 1) b)")]
    [InlineData("a == 2 && b", "(and (== a 2) b)")]
    [InlineData("a < 3 || b", "(or (< a 3) b)")]
    [InlineData("a > 2 mV or b", "(or (> a 2[mV]) b)")]
    [InlineData("[1 ms, 2 true]", "<missing>")]
    public void AKeywordAfterANumberIsNotAUnit(string source, string expected)
    {
        if (expected == "<missing>")
        {
            // `2 true` is a number followed by a keyword: a syntax error, never the unit 'true'.
            var tree = SyntaxTree.Parse("param e = " + source, "test.neuro");
            Assert.NotEmpty(tree.Diagnostics);
            Assert.DoesNotContain(Descendants(tree.Root).OfType<QuantityLiteralSyntax>(), q => q.Unit.Text == "true");
            return;
        }
        Assert.Equal(expected, Sexp(Expr(source)));
    }

    /// <summary>The grammar's keywords, read from its lexer rules (every spelling of AND, OR, NOT included).</summary>
    private static List<string> KeywordList()
    {
        var grammar = File.ReadAllText(Repo.Path("grammar", "Neuro.g4"));
        return Regex.Matches(grammar, @"^[A-Z_]+\s*:\s*((?:'[^']*'\s*\|?\s*)+);", RegexOptions.Multiline)
            .SelectMany(rule => Regex.Matches(rule.Groups[1].Value, @"'([a-zA-Z_]+)'").Select(word => word.Groups[1].Value))
            .ToList();
    }

    public static TheoryData<string> Keywords() => new(KeywordList());

    [Fact]
    public void TheGrammarHasTheKeywordsThisTestExpects()
    {
        var keywords = KeywordList();
        Assert.Contains("and", keywords);
        Assert.Contains("or", keywords);
        Assert.Contains("not", keywords);
        Assert.Contains("every", keywords);
        Assert.True(keywords.Count >= 35, string.Join(", ", keywords));
    }

    [Theory]
    [MemberData(nameof(Keywords))]
    public void NoKeywordIsEverAUnit(string keyword)
    {
        foreach (string source in new[] { $"param e = 1 {keyword}", $"param e = 1{keyword} x", $"param e = 2.5 {keyword} x\nparam f = 1" })
        {
            var tree = SyntaxTree.Parse(source, "test.neuro");
            Assert.DoesNotContain(Descendants(tree.Root).OfType<QuantityLiteralSyntax>(), q => q.Unit.Text == keyword);
        }
    }

    [Fact]
    public void ANumberWithAnExponentLeavesTheRestOfTheFileAlone()
    {
        // `1e3` is one token that holds no unit word; splitting it must not end the file there.
        var tree = ParseClean("param f = 1e3\nparam g = 2e-3**2\nneuron N { state v = 0 mV }");
        Assert.Equal(3, tree.Root.Declarations.Length);
    }
}
