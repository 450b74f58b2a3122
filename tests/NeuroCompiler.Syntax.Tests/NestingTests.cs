using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.TestSupport;
using static NeuroCompiler.Syntax.Tests.Support;

namespace NeuroCompiler.Syntax.Tests;

/// <summary>
/// Expressions nested up to <see cref="Limits.MaxNesting"/> levels parse; one level more is NC0004 where
/// the limit is crossed, however deep the input, with the rest of the file parsed as usual. These run
/// on xunit's threads, whose stacks are small: the parser must not depend on the caller's stack.
/// </summary>
public class NestingTests
{
    private const int Max = Limits.MaxNesting;

    public static TheoryData<string> Constructs() => new(DeepInputs.Constructs.Select(c => c.Name));

    private static (Func<int, string> Make, int Crossing) Construct(string name) =>
        DeepInputs.Constructs.Where(c => c.Name == name).Select(c => (c.Make, c.Crossing)).Single();

    [Theory]
    [MemberData(nameof(Constructs))]
    public void AnExpressionAtTheLimitParses(string construct)
    {
        var tree = ParseClean(DeepInputs.Param(Construct(construct).Make(Max)));
        Assert.DoesNotContain(Descendants(tree.Root), n => n is MissingExpressionSyntax);
    }

    [Theory]
    [MemberData(nameof(Constructs))]
    public void OneLevelMoreIsReportedWhereTheLimitIsCrossed(string construct)
    {
        var (make, crossing) = Construct(construct);
        var error = Assert.Single(SyntaxTree.Parse(DeepInputs.Param(make(Max + 1)), "test.neuro").Diagnostics);
        Assert.Equal(ErrorCode.NestingTooDeep, error.Code);
        Assert.Equal("NC0004", error.CodeText);
        Assert.Equal(new Core.Text.LinePosition(2, crossing), error.Location!.Start);
        Assert.Equal(
            "nested more than 1000 levels deep (each parenthesis, call, operator, list and '.' is a level; see docs/limits.md)",
            error.Message);
    }

    [Theory]
    [InlineData("parentheses", 15_000)]
    [InlineData("calls", 10_000)]
    [InlineData("unary minus", 50_000)]
    [InlineData("additions", 50_000)]
    [InlineData("powers", 50_000)]
    [InlineData("member access", 50_000)]
    [InlineData("lists", 50_000)]
    public void TheReportedCasesAreOneDiagnosticInsteadOfAStackOverflow(string construct, int depth)
    {
        var (make, crossing) = Construct(construct);
        var tree = SyntaxTree.Parse(DeepInputs.Param(make(depth)) + "param b = 2\n", "test.neuro");
        Assert.Equal(new[] { $"NC0004 2:{crossing}" }, tree.Diagnostics.Select(d => string.Join(' ', Describe(d).Split(' ').Take(2).Select(p => p.Split('+')[0]))));
        Assert.Equal(new[] { "a", "b" }, tree.Root.Declarations.OfType<GlobalParamSyntax>().Select(p => p.Name.Text));
    }

    [Fact]
    public void TheTooDeepExpressionIsDroppedAndEveryOtherErrorIsStillReported()
    {
        static string Model(string a) => DeepInputs.Header + "param a = " + a + "\nparam b = 2 *\nparam c = 3 @\nparam d = 4\n";
        var shallow = SyntaxTree.Parse(Model("1"), "test.neuro");
        var deep = SyntaxTree.Parse(Model(DeepInputs.Repeat("(", Max + 500) + "1" + DeepInputs.Repeat(")", Max + 500)), "test.neuro");
        Assert.NotEmpty(shallow.Diagnostics);
        Assert.Equal(shallow.Diagnostics.Select(Describe).Prepend($"NC0004 2:{DeepInputs.Column + Max + 1}+1 {NestingMessages.Expression}"),
            deep.Diagnostics.Select(Describe));
        var parameters = deep.Root.Declarations.OfType<GlobalParamSyntax>().ToList();
        Assert.Equal(shallow.Root.Declarations.OfType<GlobalParamSyntax>().Select(p => p.Name.Text), parameters.Select(p => p.Name.Text));
        Assert.IsType<MissingExpressionSyntax>(parameters[0].Value);
        Assert.Equal("4", Sexp(parameters[^1].Value));
    }

    [Fact]
    public void AnArgumentTooDeepIsSkippedUpToTheNextArgument()
    {
        string deep = DeepInputs.Repeat("(", Max + 50) + "x + 1" + DeepInputs.Repeat(")", Max + 50);
        var tree = SyntaxTree.Parse(DeepInputs.Param($"max({deep}, [1, 2]) + 3"), "test.neuro");
        Assert.Equal(new[] { $"NC0004 2:{DeepInputs.Column + 4 + Max}" }, tree.Diagnostics.Select(d => Describe(d).Split('+')[0]));
        var value = Assert.Single(tree.Root.Declarations.OfType<GlobalParamSyntax>()).Value;
        Assert.Equal("(+ max(<missing>, [1, 2]) 3)", Sexp(value));
    }

    [Fact]
    public void OneExpressionGetsOneDiagnosticEachExpressionItsOwn()
    {
        string deep = DeepInputs.Repeat("abs(", Max + 3) + "1" + DeepInputs.Repeat(")", Max + 3);
        var tree = SyntaxTree.Parse(DeepInputs.Param($"max({deep}, {deep})") + $"param b = {deep}\n", "test.neuro");
        Assert.Equal(new[] { (ErrorCode.NestingTooDeep, 2), (ErrorCode.NestingTooDeep, 3) }, tree.Diagnostics.Select(d => (d.Code, d.Location!.Start.Line)));
    }

    [Fact]
    public void ASettingTooDeepIsSkippedUpToTheNextSetting()
    {
        string deep = DeepInputs.Repeat("-", Max + 7) + "1 mV";
        var tree = SyntaxTree.Parse($"population P = LIF[10] {{ v = {deep}\n  u = 2 mV; w = f(3) }}\n", "test.neuro");
        var error = Assert.Single(tree.Diagnostics);
        Assert.Equal(ErrorCode.NestingTooDeep, error.Code);
        var population = Assert.IsType<PopulationSyntax>(Assert.Single(tree.Root.Declarations));
        Assert.Equal(new[] { "v", "u", "w" }, population.Settings.Select(s => s.Name.Text));
        Assert.Contains(Descendants(population.Settings[0].Value), n => n is MissingExpressionSyntax);
        Assert.Equal(new[] { "2[mV]", "f(3)" }, population.Settings.Skip(1).Select(s => Sexp(s.Value)));
    }

    [Fact]
    public void AChainTooLongIsCutAtTheOperatorWhereItCrossesTheLimit()
    {
        // The chain sits two levels deep already (inside a call and a product), so its 999th link crosses.
        var tree = SyntaxTree.Parse(DeepInputs.Param("abs(2 * (1" + DeepInputs.Repeat(" - 1", Max + 30) + "))\nparam b = 1"), "test.neuro");
        var error = Assert.Single(tree.Diagnostics);
        int column = DeepInputs.Column + "abs(2 * (1".Length + 1 + 4 * (Max - 3);
        Assert.Equal(new Core.Text.LinePosition(2, column), error.Location!.Start);
        Assert.Equal(new[] { "a", "b" }, tree.Root.Declarations.OfType<GlobalParamSyntax>().Select(p => p.Name.Text));
    }

    [Fact]
    public void TheBuilderCountsWhatTheParserDoesNotSee()
    {
        // ((((1 + 1) + 1) + 1) ...): the parser nests one invocation per parenthesis, but in the tree each
        // parenthesis lies under a '+' as well, so the tree is twice as deep. The '+' whose operands would
        // lie 1001 levels deep is reported: the chain 500 parentheses in.
        const int wraps = 600;
        string expression = DeepInputs.Repeat("(", wraps) + "1 + 1" + DeepInputs.Repeat(") + 1", wraps);
        var error = Assert.Single(SyntaxTree.Parse(DeepInputs.Param(expression), "test.neuro").Diagnostics);
        Assert.Equal(ErrorCode.NestingTooDeep, error.Code);
        int suffix = wraps - Max / 2; // the ") + 1" whose '+' is the 500th '+' from the outside
        int column = DeepInputs.Column + wraps + "1 + 1".Length + ") + 1".Length * (suffix - 1) + ") ".Length;
        Assert.Equal(new Core.Text.LinePosition(2, column), error.Location!.Start);
    }

    [Fact]
    public void ACommandLineValueIsBoundedToo()
    {
        // As the binder passes --set a=VALUE: the value alone, moved to its column by spaces.
        var text = Core.Text.SourceText.From("  " + DeepInputs.Repeat("(", 20_000) + "1" + DeepInputs.Repeat(")", 20_000), "<command line>");
        var (expression, diagnostics) = SyntaxTree.ParseExpression(text);
        Assert.Equal(ErrorCode.NestingTooDeep, Assert.Single(diagnostics).Code);
        Assert.IsType<MissingExpressionSyntax>(expression);
    }

    [Fact]
    public void ParsingDoesNotDependOnTheCallersStack()
    {
        // A thread with 256 KB of stack: the parser runs on a deep-stack thread of its own (DeepStack).
        SyntaxTree? atLimit = null, beyond = null;
        var thread = new Thread(() =>
        {
            atLimit = SyntaxTree.Parse(DeepInputs.Param(DeepInputs.Constructs[1].Make(Max)), "test.neuro");
            beyond = SyntaxTree.Parse(DeepInputs.Param(DeepInputs.Constructs[1].Make(100_000)), "test.neuro");
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Empty(atLimit!.Diagnostics);
        Assert.Equal(ErrorCode.NestingTooDeep, Assert.Single(beyond!.Diagnostics).Code);
        Assert.False(DeepStack.IsCurrent);
    }

    [Fact]
    public void ALongLineIsShownAsAWindowAroundTheCaret()
    {
        var tree = SyntaxTree.Parse(DeepInputs.Param(DeepInputs.Repeat("(", 50_000) + "1" + DeepInputs.Repeat(")", 50_000)), "test.neuro");
        var lines = DiagnosticFormatter.Format(Assert.Single(tree.Diagnostics)).Split('\n');
        Assert.Equal("  ..." + DeepInputs.Repeat("(", DiagnosticFormatter.MaxShownLine) + "...", lines[1]);
        Assert.Equal("  " + new string(' ', 3 + DiagnosticFormatter.MaxShownLine / 2) + "^", lines[2]);
    }
}
