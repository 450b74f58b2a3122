using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

/// <summary><c>E</c>, <c>E[0:100]</c>, <c>E[5]</c>.</summary>
public sealed record PopulationRefSyntax(NameSyntax Name, SliceSyntax? Slice, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>[start:stop]</c> (either bound may be omitted) or a single index <c>[k]</c>.</summary>
public sealed record SliceSyntax(ExpressionSyntax? Start, ExpressionSyntax? Stop, bool IsRange, TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// A variable written on the left of an assignment or as a target: <c>v</c>, <c>post.ge</c>,
/// <c>E[0:10].I</c>, <c>drive.rate</c>. <see cref="Member"/> is null for a bare name, which is then
/// <see cref="Owner"/>'s name.
/// </summary>
public sealed record VariableRefSyntax(PopulationRefSyntax Owner, NameSyntax? Member, TextSpan Span) : SyntaxNode(Span);
