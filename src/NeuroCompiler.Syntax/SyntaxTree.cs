using System.Collections.Immutable;
using Antlr4.Runtime;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax.Generated;
using NeuroCompiler.Syntax.Parsing;

namespace NeuroCompiler.Syntax;

/// <summary>One parsed file: its text, its syntax nodes and its syntax diagnostics. Parsing never throws on bad input.</summary>
public sealed class SyntaxTree
{
    private SyntaxTree(SourceText text, CompilationUnitSyntax root, ImmutableArray<Diagnostic> diagnostics)
    {
        Text = text;
        Root = root;
        Diagnostics = diagnostics;
    }

    public SourceText Text { get; }

    public CompilationUnitSyntax Root { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Parses a file. Runs on a <see cref="DeepStack"/> thread, so expressions nested up to the
    /// limit parse on any calling thread; deeper ones are NC0004 (see <see cref="DepthLimitedParser"/>).
    /// </summary>
    public static SyntaxTree Parse(SourceText text) => DeepStack.Run(() =>
    {
        var diagnostics = new DiagnosticBag();
        CompilationUnitSyntax root;
        try
        {
            var parser = CreateParser(text, diagnostics);
            var file = parser.file();
            root = new SyntaxTreeBuilder(text, diagnostics, parser.TooDeepAt).CompilationUnit(file);
        }
        catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
        {
            diagnostics.Add(tooDeep.ToDiagnostic());
            root = new CompilationUnitSyntax(ImmutableArray<DeclarationSyntax>.Empty, new TextSpan(0, text.Length));
        }
        return new SyntaxTree(text, root, diagnostics.ToSortedList().ToImmutableArray());
    });

    public static SyntaxTree Parse(string text, string fileName = "<input>") => Parse(SourceText.From(text, fileName));

    /// <summary>Parses a lone expression, as given on the command line (<c>--set tau=10ms</c>).</summary>
    public static (ExpressionSyntax Expression, ImmutableArray<Diagnostic> Diagnostics) ParseExpression(SourceText text) => DeepStack.Run(() =>
    {
        var diagnostics = new DiagnosticBag();
        ExpressionSyntax expression;
        try
        {
            var parser = CreateParser(text, diagnostics);
            var context = parser.expressionOnly();
            expression = new SyntaxTreeBuilder(text, diagnostics, parser.TooDeepAt).Expression(context.expr(), new TextSpan(0, text.Length));
        }
        catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
        {
            diagnostics.Add(tooDeep.ToDiagnostic());
            expression = new MissingExpressionSyntax(new TextSpan(0, text.Length));
        }
        return (expression, diagnostics.ToSortedList().ToImmutableArray());
    });

    /// <summary>A parser over the text whose lexer and parser both report into the diagnostics.</summary>
    private static DepthLimitedParser CreateParser(SourceText text, DiagnosticBag diagnostics)
    {
        var listener = new SyntaxErrorListener(text, diagnostics);
        var lexer = new NeuroLexer(new AntlrInputStream(text.Text));
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(listener);
        var parser = new DepthLimitedParser(new CommonTokenStream(new KeywordSplittingTokenSource(lexer)), text, diagnostics);
        parser.RemoveErrorListeners();
        parser.AddErrorListener(listener);
        return parser;
    }
}
