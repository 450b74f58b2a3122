using System.Collections.Immutable;
using Antlr4.Runtime;
using NeuroCompiler.Core.Diagnostics;
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

    public static SyntaxTree Parse(SourceText text)
    {
        var diagnostics = new DiagnosticBag();
        var file = CreateParser(text, diagnostics).file();
        var root = new SyntaxTreeBuilder(text).CompilationUnit(file);
        return new SyntaxTree(text, root, diagnostics.ToSortedList().ToImmutableArray());
    }

    public static SyntaxTree Parse(string text, string fileName = "<input>") => Parse(SourceText.From(text, fileName));

    /// <summary>Parses a lone expression, as given on the command line (<c>--set tau=10ms</c>).</summary>
    public static (ExpressionSyntax Expression, ImmutableArray<Diagnostic> Diagnostics) ParseExpression(SourceText text)
    {
        var diagnostics = new DiagnosticBag();
        var context = CreateParser(text, diagnostics).expressionOnly();
        var expression = new SyntaxTreeBuilder(text).Expression(context.expr(), new TextSpan(0, text.Length));
        return (expression, diagnostics.ToSortedList().ToImmutableArray());
    }

    /// <summary>A parser over the text whose lexer and parser both report into the diagnostics.</summary>
    private static NeuroParser CreateParser(SourceText text, DiagnosticBag diagnostics)
    {
        var listener = new SyntaxErrorListener(text, diagnostics);
        var lexer = new NeuroLexer(new AntlrInputStream(text.Text));
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(listener);
        var parser = new NeuroParser(new CommonTokenStream(new KeywordSplittingTokenSource(lexer)));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(listener);
        return parser;
    }
}
