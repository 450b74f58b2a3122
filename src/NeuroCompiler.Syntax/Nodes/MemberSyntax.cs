using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Syntax;

/// <summary>A member of a neuron or synapse type.</summary>
public abstract record MemberSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>param tau = 10 ms</c>; <see cref="Value"/> is null for <c>param wmax</c>, a param each projection must give.</summary>
public sealed record ParamMemberSyntax(NameSyntax Name, ExpressionSyntax? Value, TextSpan Span) : MemberSyntax(Span);

public sealed record StateMemberSyntax(NameSyntax Name, ExpressionSyntax Value, TextSpan Span) : MemberSyntax(Span);

/// <summary><c>let I_syn = g*(E - v)</c>: a named sub-expression, substituted where it is used.</summary>
public sealed record LetMemberSyntax(NameSyntax Name, ExpressionSyntax Value, TextSpan Span) : MemberSyntax(Span);

/// <summary>
/// <c>dv/dt = rhs</c>, optionally <c>: event_driven</c> (<see cref="Flag"/>). <see cref="Derivative"/> is the
/// word <c>dv</c>; <see cref="Time"/> must be <c>dt</c>.
/// </summary>
public sealed record OdeMemberSyntax(NameSyntax Derivative, NameSyntax Time, ExpressionSyntax Rhs, NameSyntax? Flag, TextSpan Span) : MemberSyntax(Span)
{
    /// <summary>The state the equation defines (the derivative word without its leading d), with its span.</summary>
    public NameSyntax StateName => new(Derivative.Text.Length > 1 ? Derivative.Text[1..] : "",
        Derivative.Span.Length > 1 ? new TextSpan(Derivative.Span.Start + 1, Derivative.Span.Length - 1) : Derivative.Span);
}

public sealed record MethodMemberSyntax(NameSyntax Method, TextSpan Span) : MemberSyntax(Span);

public sealed record ThresholdMemberSyntax(ExpressionSyntax Condition, TextSpan Span) : MemberSyntax(Span);

public sealed record ResetMemberSyntax(BlockSyntax Body, TextSpan Span) : MemberSyntax(Span);

/// <summary><c>refractory 5 ms</c>, optionally <c>clamp v, w</c> to name the variables held while refractory.</summary>
public sealed record RefractoryMemberSyntax(ExpressionSyntax Period, ImmutableArray<NameSyntax> Clamped, bool HasClampList, TextSpan Span) : MemberSyntax(Span);

public sealed record EventHandlerMemberSyntax(SynapticEvent Event, TextSpan KeywordSpan, BlockSyntax Body, TextSpan Span) : MemberSyntax(Span);

/// <summary><c>every 10 ms { statements }</c>: statements run for every synapse at a fixed interval.</summary>
public sealed record EveryMemberSyntax(ExpressionSyntax Interval, BlockSyntax Body, TextSpan Span) : MemberSyntax(Span);

/// <summary><c>prune every 100 ms when condition</c> or <c>grow every 100 ms when condition</c>: structural plasticity.</summary>
public sealed record StructuralMemberSyntax(StructuralKind Kind, TextSpan KeywordSpan, ExpressionSyntax Interval, ExpressionSyntax Condition, TextSpan Span)
    : MemberSyntax(Span);

public enum StructuralKind
{
    Prune,
    Grow,
}

public enum SynapticEvent
{
    Pre,
    Post,
}

public sealed record BlockSyntax(ImmutableArray<StatementSyntax> Statements, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>target op value</c> with op one of = += -= *= /=.</summary>
public sealed record StatementSyntax(VariableRefSyntax Target, AssignmentOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);

public enum AssignmentOperator
{
    Assign,
    AddAssign,
    SubtractAssign,
    MultiplyAssign,
    DivideAssign,
}
