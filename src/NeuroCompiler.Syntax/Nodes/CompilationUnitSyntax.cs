using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

public sealed record CompilationUnitSyntax(ImmutableArray<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span);
