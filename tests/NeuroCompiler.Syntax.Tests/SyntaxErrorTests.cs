using NeuroCompiler.Core.Diagnostics;
using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>Syntax errors: codes, exact positions, several per file, and no exceptions on broken input.</summary>
public class SyntaxErrorTests
{
    private static string[] Errors(string source) => SyntaxTree.Parse(source, "test.neuro").Diagnostics.Select(Describe).ToArray();

    /// <summary>"NC0002 5:1+1": code, line:column and span length.</summary>
    private static string Where(Diagnostic d) => string.Join(' ', Describe(d).Split(' ').Take(2));

    [Fact]
    public void UnknownCharacterIsReportedAtItsPosition()
    {
        var tree = SyntaxTree.Parse("neuron A {\n  state v = 0 mV @\n}", "test.neuro");
        var error = Assert.Single(tree.Diagnostics);
        Assert.Equal(ErrorCode.UnexpectedCharacter, error.Code);
        Assert.Equal("NC0003", error.CodeText);
        Assert.True(error.IsError);
        Assert.Equal(new Core.Text.LinePosition(2, 18), error.Location!.Start);
        Assert.Equal(1, error.Location.Span.Length);
        Assert.Equal("unexpected character '@'", error.Message);
        // The rest of the declaration is still there.
        var neuron = Assert.IsType<NeuronTypeSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.IsType<StateMemberSyntax>(Assert.Single(neuron.Members));
    }

    [Fact]
    public void MissingClosingBraceIsReportedAtTheEndAndKeepsTheMembers()
    {
        const string source = "neuron A {\n  param tau = 10 ms\n  state v = 0 mV";
        var tree = SyntaxTree.Parse(source, "test.neuro");
        var error = Assert.Single(tree.Diagnostics);
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
        Assert.Equal(new Core.Text.TextSpan(source.Length, 0), error.Location!.Span);
        Assert.Equal(new Core.Text.LinePosition(3, 17), error.Location.Start);
        Assert.Contains("end of file", error.Message);
        var neuron = Assert.IsType<NeuronTypeSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal(new[] { "tau", "v" }, neuron.Members.Select(m => m switch
        {
            ParamMemberSyntax p => p.Name.Text,
            StateMemberSyntax s => s.Name.Text,
            _ => "?",
        }));
    }

    [Fact]
    public void MissingExpressionAtEndOfFile()
    {
        var errors = Errors("param a = 1 +");
        Assert.Equal(new[] { "NC0002 1:14+0" }, SyntaxTree.Parse("param a = 1 +").Diagnostics.Select(Where));
        Assert.Single(errors);
    }

    [Fact]
    public void MissingNameIsReportedAtTheUnexpectedToken()
    {
        var errors = Errors("neuron B { param = 3 }");
        Assert.Equal(new[] { "NC0002 1:18+1 syntax error: missing a name at '='" }, errors);
    }

    [Fact]
    public void TrailingTokenAfterAnExpression()
    {
        var errors = Errors("param a = 1 ms ms");
        var error = Assert.Single(errors);
        Assert.StartsWith("NC0002 1:16+2 syntax error: unexpected 'ms'", error);
    }

    [Fact]
    public void MissingParenthesisIsReportedAtTheNextDeclaration()
    {
        Assert.Equal(new[] { "NC0002 2:1+5 syntax error: missing ')' at 'param'" }, Errors("param a = (1 + 2\nparam b = 3"));
    }

    [Fact]
    public void SeveralErrorsInOneFileAreAllReportedInOrder()
    {
        const string source = """
            neuron A { state v = 0 mV # }
            neuron B { state v = 0 mV $ }
            population P = A[10] {
              x = 1 +
            }
            param ok = 3
            model m { dt = 0.1 ms; ` }
            """;
        var tree = SyntaxTree.Parse(source, "test.neuro");
        Assert.Equal(new[]
        {
            "NC0003 1:27+1",
            "NC0003 2:27+1",
            "NC0002 5:1+1",
            "NC0003 7:24+1",
        }, tree.Diagnostics.Select(Where));
        // Declarations around the errors are still parsed.
        Assert.Contains(tree.Root.Declarations, d => d is GlobalParamSyntax { Name.Text: "ok" });
        Assert.Contains(tree.Root.Declarations, d => d is ModelSyntax { Name.Text: "m" });
    }

    [Fact]
    public void ExpectedTokenSetsAreWrittenReadably()
    {
        // The set ANTLR reports holds '}' and ',' literals; the message must not be cut at them.
        var errors = Errors("neuron A {\n  param x =\n  state v = 0 mV\n}");
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("IDENT", e));
        Assert.All(errors, e => Assert.DoesNotContain("}'", e.Replace("'}'", "")));
        Assert.Contains(errors, e => e.StartsWith("NC0002 3:3+5 syntax error: unexpected 'state' expecting one of", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnterminatedStringIsReportedAsSuch()
    {
        var tree = SyntaxTree.Parse("import \"std/neurons\nparam a = 1", "test.neuro");
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal(ErrorCode.SyntaxError, diagnostic.Code);
        Assert.Equal(new Core.Text.TextSpan(7, 12), diagnostic.Location!.Span);
        Assert.StartsWith("unterminated string", diagnostic.Message);
    }

    [Theory]
    [InlineData("}")]
    [InlineData("{")]
    [InlineData("neuron")]
    [InlineData("neuron {")]
    [InlineData("neuron A {")]
    [InlineData("neuron A { reset {")]
    [InlineData("neuron A { dv/ = 1 }")]
    [InlineData("population P = [")]
    [InlineData("projection p = -> : { connect }")]
    [InlineData("protocol { at { } segment }")]
    [InlineData("record")]
    [InlineData("stimulus s = -> ")]
    [InlineData("param a = ((((((((((")]
    [InlineData("param a = f(,,,)")]
    [InlineData("\"")]
    [InlineData("/* unterminated comment")]
    public void BrokenInputNeverThrowsAndReportsInsideTheText(string source)
    {
        var tree = SyntaxTree.Parse(source, "test.neuro");
        Assert.NotEmpty(tree.Diagnostics);
        Assert.All(tree.Diagnostics, d =>
        {
            Assert.True(d.IsError);
            Assert.True(d.Code is ErrorCode.SyntaxError or ErrorCode.UnexpectedCharacter, d.ToString());
            Assert.InRange(d.Location!.Span.Start, 0, source.Length);
            Assert.InRange(d.Location.Span.End, d.Location.Span.Start, source.Length);
        });
        Assert.All(Descendants(tree.Root), n => Assert.InRange(n.Span.End, n.Span.Start, source.Length));
    }

    [Fact]
    public void ControlCharactersAndLoneSurrogatesAreUnexpectedCharacters()
    {
        const string source = "param a = 1\u0000\nparam b = \uD800 2\uFFFF";
        var tree = SyntaxTree.Parse(source, "test.neuro");
        Assert.Contains(tree.Diagnostics, d => d.Code == ErrorCode.UnexpectedCharacter && d.Location!.Span == new Core.Text.TextSpan(11, 1));
        Assert.Contains(tree.Diagnostics, d => d.Code == ErrorCode.UnexpectedCharacter && d.Location!.Span == new Core.Text.TextSpan(23, 1));
        Assert.All(tree.Diagnostics, d => Assert.InRange(d.Location!.Span.End, 0, source.Length));
    }

    [Fact]
    public void ANumberFollowedByALetterIsAQuantityNotAnError()
    {
        // `1e` has no exponent digits, so it is the number 1 with the unit word "e"; the binder checks the unit.
        var tree = SyntaxTree.Parse("param a = 1e", "test.neuro");
        Assert.Empty(tree.Diagnostics);
        var quantity = Assert.IsType<QuantityLiteralSyntax>(((GlobalParamSyntax)tree.Root.Declarations.Single()).Value);
        Assert.Equal(("1", "e"), (quantity.NumberText, quantity.Unit.Text));
    }

    [Fact]
    public void DiagnosticFormatterPointsAtTheSpan()
    {
        var tree = SyntaxTree.Parse("param a = 1 ms ms", "test.neuro");
        string formatted = DiagnosticFormatter.Format(Assert.Single(tree.Diagnostics));
        var lines = formatted.Split('\n');
        Assert.StartsWith("test.neuro:1:16: error NC0002: syntax error:", lines[0]);
        Assert.Equal("  param a = 1 ms ms", lines[1]);
        Assert.Equal("                 ^~", lines[2]);
    }
}
