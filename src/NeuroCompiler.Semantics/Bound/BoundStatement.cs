using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics;

/// <summary><c>target op value</c> in a reset or an event handler, with the target resolved and units checked.</summary>
public sealed record BoundStatement(VariableSymbol Target, VariableSide Side, AssignmentOperator Operator, BoundExpression Value, TextSpan Span);
