using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

/// <summary>The root of our own immutable syntax nodes; ANTLR's parse tree never leaves this project.</summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>An identifier as written. A name the parser had to invent after an error is <see cref="IsMissing"/>.</summary>
public sealed record NameSyntax(string Text, TextSpan Span) : SyntaxNode(Span)
{
    public bool IsMissing => Text.Length == 0;

    public override string ToString() => Text;
}
