using NeuroCompiler.Core.Text;
using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>Expressions: precedence and associativity, quantities, literals, calls and their spans.</summary>
public class ExpressionTests
{
    [Theory]
    [InlineData("-x**2", "(neg (** x 2))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b / c", "(/ (/ a b) c)")]
    [InlineData("a ** b ** c", "(** a (** b c))")]
    [InlineData("a ^ b ^ c", "(** a (** b c))")]
    [InlineData("2 ** -1", "(** 2 (neg 1))")]
    [InlineData("a + b * c", "(+ a (* b c))")]
    [InlineData("a * b + c", "(+ (* a b) c)")]
    [InlineData("(a + b) * c", "(* (+ a b) c)")]
    [InlineData("a * b % c", "(% (* a b) c)")]
    [InlineData("-a * b", "(* (neg a) b)")]
    [InlineData("+a", "(pos a)")]
    [InlineData("a * -b", "(* a (neg b))")]
    [InlineData("a + b < c * d", "(< (+ a b) (* c d))")]
    [InlineData("a < b and c >= d or e != f", "(or (and (< a b) (>= c d)) (!= e f))")]
    [InlineData("a || b && c", "(or a (and b c))")]
    [InlineData("not a and b", "(and (not a) b)")]
    [InlineData("!a or b", "(or (not a) b)")]
    [InlineData("a <= b == true", "(== (<= a b) true)")]
    [InlineData("x > y > z", "(> (> x y) z)")]
    [InlineData("pre.v + post.v", "(+ pre.v post.v)")]
    [InlineData("a.b.c", "a.b.c")]
    [InlineData("exp(-(v - VT) / DeltaT)", "exp((/ (neg (- v VT)) DeltaT))")]
    [InlineData("f()", "f()")]
    [InlineData("grid(10, ny = 5, spacing = 1 um)", "grid(10, ny=5, spacing=1[um])")]
    [InlineData("[1 ms, 2 ms, 3.5 ms]", "[1[ms], 2[ms], 3.5[ms]]")]
    [InlineData("[]", "[]")]
    [InlineData("\"hello world\"", "\"hello world\"")]
    [InlineData("true", "true")]
    [InlineData("false or true", "(or false true)")]
    [InlineData("0.04 / ms / mV * v**2", "(* (/ (/ 0.04 ms) mV) (** v 2))")]
    [InlineData("mV/ms", "(/ mV ms)")]
    public void Precedence(string source, string expected) => Assert.Equal(expected, Sexp(Expr(source)));

    [Theory]
    [InlineData("20 ms", 20, "20", "ms")]
    [InlineData("5ms", 5, "5", "ms")]
    [InlineData("1e3 Hz", 1000, "1e3", "Hz")]
    [InlineData("1e3Hz", 1000, "1e3", "Hz")]
    [InlineData("0.1nS", 0.1, "0.1", "nS")]
    [InlineData("2e-3 s", 0.002, "2e-3", "s")]
    [InlineData("2E+2 pA", 200, "2E+2", "pA")]
    [InlineData(".5 mV", 0.5, ".5", "mV")]
    [InlineData("3.\tms", 3, "3.", "ms")]
    [InlineData("2em", 2, "2", "em")]
    [InlineData("20 \u00B5m", 20, "20", "\u00B5m")]
    [InlineData("1 M\u03A9", 1, "1", "M\u03A9")]
    public void Quantities(string source, double value, string number, string unit)
    {
        var quantity = Assert.IsType<QuantityLiteralSyntax>(Expr(source, out var text));
        Assert.Equal(value, quantity.Value, 12);
        Assert.Equal(number, quantity.NumberText);
        Assert.Equal(unit, quantity.Unit.Text);
        Assert.Equal(unit, text.ToString(quantity.Unit.Span));
        Assert.Equal(source, text.ToString(quantity.Span));
    }

    [Fact]
    public void NegativeQuantityIsANegatedQuantity()
    {
        var unary = Assert.IsType<UnaryExpressionSyntax>(Expr("-65 mV", out var text));
        Assert.Equal(UnaryOperator.Negate, unary.Operator);
        Assert.Equal("-", text.ToString(unary.OperatorSpan));
        Assert.Equal("-65 mV", text.ToString(unary.Span));
        var quantity = Assert.IsType<QuantityLiteralSyntax>(unary.Operand);
        Assert.Equal(65, quantity.Value);
        Assert.Equal("mV", quantity.Unit.Text);
    }

    [Theory]
    [InlineData("0.02", 0.02)]
    [InlineData("1e3", 1000)]
    [InlineData("5E10", 5e10)]
    [InlineData("2e-3", 0.002)]
    [InlineData("42", 42)]
    [InlineData("1.", 1)]
    [InlineData(".25", 0.25)]
    public void Numbers(string source, double value)
    {
        var number = Assert.IsType<NumberLiteralSyntax>(Expr(source));
        Assert.Equal(value, number.Value, 12);
        Assert.Equal(source, number.Text);
    }

    [Fact]
    public void ANumberWithExponentAndNoUnitIsANumberInContext()
    {
        Assert.Equal("(* 1e3 Hz)", Sexp(Expr("1e3 * Hz")));
        Assert.Equal("(+ 1e3[ms] 2e3)", Sexp(Expr("1e3ms + 2e3")));
        var call = Assert.IsType<CallExpressionSyntax>(Expr("f(1e3)"));
        Assert.Equal(1000, Assert.IsType<NumberLiteralSyntax>(call.Arguments.Single().Value).Value);
    }

    [Fact]
    public void AKeywordAfterANumberOnTheSameLineIsNotTakenForAUnit()
    {
        // A number followed on the same line by a word is a quantity, unless the word is a keyword:
        // `1 param` is the number 1 and the next declaration.
        var tree = SyntaxTree.Parse("neuron N { param a = 1 param b = 2 ms refractory 0 clamp v }", "test.neuro");
        Assert.Empty(tree.Diagnostics);
        var members = Assert.IsType<NeuronTypeSyntax>(tree.Root.Declarations.Single()).Members;
        var a = Assert.IsType<ParamMemberSyntax>(members[0]);
        Assert.Equal(1, Assert.IsType<NumberLiteralSyntax>(a.Value).Value);
        Assert.Equal(new TextSpan(21, 1), a.Value.Span);
        var b = Assert.IsType<ParamMemberSyntax>(members[1]);
        Assert.Equal("ms", Assert.IsType<QuantityLiteralSyntax>(b.Value).Unit.Text);
        var refractory = Assert.IsType<RefractoryMemberSyntax>(members[2]);
        Assert.IsType<NumberLiteralSyntax>(refractory.Period);
        Assert.Equal("v", Assert.Single(refractory.Clamped).Text);
    }

    [Fact]
    public void AUnitWordOnTheNextLineIsNotPartOfTheQuantity()
    {
        var tree = ParseClean("param a = 20\nparam b = 3");
        Assert.Equal(2, tree.Root.Declarations.Length);
        Assert.IsType<NumberLiteralSyntax>(((GlobalParamSyntax)tree.Root.Declarations[0]).Value);
    }

    [Fact]
    public void BinarySpansAndOperatorSpans()
    {
        var binary = Assert.IsType<BinaryExpressionSyntax>(Expr("a  +  b * c", out var text));
        Assert.Equal("a  +  b * c", text.ToString(binary.Span));
        Assert.Equal("+", text.ToString(binary.OperatorSpan));
        Assert.Equal("a", text.ToString(binary.Left.Span));
        Assert.Equal("b * c", text.ToString(binary.Right.Span));
        var power = Assert.IsType<BinaryExpressionSyntax>(Expr("x ** 2", out text));
        Assert.Equal("**", text.ToString(power.OperatorSpan));
        Assert.Equal(BinaryOperator.Power, power.Operator);
    }

    [Fact]
    public void ParenthesesLeaveNoNode()
    {
        var expression = Expr("((a + b))", out var text);
        Assert.IsType<BinaryExpressionSyntax>(expression);
        Assert.Equal("a + b", text.ToString(expression.Span));
        var product = Assert.IsType<BinaryExpressionSyntax>(Expr("(a + b) * c", out text));
        Assert.Equal("(a + b) * c", text.ToString(product.Span));
    }

    [Fact]
    public void CallArgumentsAndNames()
    {
        var call = Assert.IsType<CallExpressionSyntax>(Expr("normal(mean = -60 mV, 2 mV)", out var text));
        Assert.Equal("normal", call.Function.Text);
        Assert.Equal("normal", text.ToString(call.Function.Span));
        Assert.Equal(2, call.Arguments.Length);
        Assert.Equal("mean", call.Arguments[0].Name!.Text);
        Assert.Equal("mean = -60 mV", text.ToString(call.Arguments[0].Span));
        Assert.Null(call.Arguments[1].Name);
        Assert.Equal("2 mV", text.ToString(call.Arguments[1].Value.Span));
    }

    [Theory]
    [InlineData("a && b", BinaryOperator.And)]
    [InlineData("a and b", BinaryOperator.And)]
    [InlineData("a || b", BinaryOperator.Or)]
    [InlineData("a or b", BinaryOperator.Or)]
    [InlineData("a % b", BinaryOperator.Modulo)]
    [InlineData("a ^ b", BinaryOperator.Power)]
    [InlineData("a == b", BinaryOperator.Equal)]
    [InlineData("a != b", BinaryOperator.NotEqual)]
    [InlineData("a <= b", BinaryOperator.LessOrEqual)]
    [InlineData("a >= b", BinaryOperator.GreaterOrEqual)]
    [InlineData("a < b", BinaryOperator.Less)]
    [InlineData("a > b", BinaryOperator.Greater)]
    public void OperatorSpellings(string source, BinaryOperator op) =>
        Assert.Equal(op, Assert.IsType<BinaryExpressionSyntax>(Expr(source)).Operator);

    [Fact]
    public void ParseExpressionForCommandLineValues()
    {
        var (expression, diagnostics) = SyntaxTree.ParseExpression(SourceText.From("10 ms * 2"));
        Assert.Empty(diagnostics);
        Assert.Equal("(* 10[ms] 2)", Sexp(expression));

        var (bad, errors) = SyntaxTree.ParseExpression(SourceText.From("10 ms )"));
        var error = Assert.Single(errors);
        Assert.Equal("NC0002", error.CodeText);
        Assert.Equal(new TextSpan(6, 1), error.Location!.Span);
        Assert.NotNull(bad);
    }

    [Fact]
    public void StringsKeepTheirContentWithoutQuotes()
    {
        var s = Assert.IsType<StringLiteralSyntax>(Expr("\"a // not a comment\"", out var text));
        Assert.Equal("a // not a comment", s.Value);
        Assert.Equal("\"a // not a comment\"", text.ToString(s.Span));
    }

    [Fact]
    public void CommentsAreIgnoredInsideExpressions()
    {
        Assert.Equal("(+ a b)", Sexp(Expr("a /* inline */ + // rest of line\n b")));
    }
}
