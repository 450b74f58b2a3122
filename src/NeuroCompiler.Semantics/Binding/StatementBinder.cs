using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>Binds the statements of a reset or an event handler: <c>v = Vr</c>, <c>ge += w</c>, <c>post.v += w</c>.</summary>
internal static class StatementBinder
{
    /// <param name="whyNotAssignable">Says why a variable cannot be written here, or null when it can.</param>
    public static ImmutableArray<BoundStatement> Bind(BlockSyntax block, ExpressionBinder binder, BindingContext context,
        Func<VariableSymbol, VariableSide, string?> whyNotAssignable)
    {
        var result = ImmutableArray.CreateBuilder<BoundStatement>();
        foreach (var statement in block.Statements)
        {
            var value = binder.Bind(statement.Value, context);
            if (ResolveTarget(statement.Target, binder, context) is not { } target)
            {
                continue;
            }
            var (symbol, side) = target;
            if (whyNotAssignable(symbol, side) is { } why)
            {
                binder.Diagnostics.Error(ErrorCode.NotAssignable, context.Text, statement.Target.Span, $"cannot assign to '{symbol.Name}': {why}");
                continue;
            }
            if (value.Type.IsError || !binder.EnsureBound(symbol))
            {
                continue;
            }
            bool scales = statement.Operator is AssignmentOperator.MultiplyAssign or AssignmentOperator.DivideAssign;
            var expected = scales ? Dimension.None : symbol.Dimension;
            string what = scales ? $"a factor for '{symbol.Name}'" : $"a value for '{symbol.Name}'";
            if (!binder.CheckDimension(value, context.Text, expected, what, scales ? "" : ExpressionBinder.BareZeroHint(value.Type.Dimension, symbol)))
            {
                continue;
            }
            result.Add(new BoundStatement(symbol, side, statement.Operator, value, statement.Span));
        }
        return result.ToImmutable();
    }

    private static (VariableSymbol, VariableSide)? ResolveTarget(VariableRefSyntax target, ExpressionBinder binder, BindingContext context)
    {
        var owner = target.Owner;
        if (owner.Name.IsMissing || target.Member is { IsMissing: true })
        {
            return null;
        }
        if (owner.Slice is not null)
        {
            binder.Diagnostics.Error(ErrorCode.NotAssignable, context.Text, owner.Slice.Span, "an index or slice cannot be used here");
            return null;
        }
        ScopeEntry? entry;
        if (target.Member is null)
        {
            entry = context.Scope.Lookup(owner.Name.Text);
            if (entry is null)
            {
                binder.Diagnostics.Error(ErrorCode.UnknownName, context.Text, owner.Name.Span,
                    $"unknown variable '{owner.Name.Text}'{binder.Hints.Hint(owner.Name.Text, context.Scope.VisibleNames())}");
                return null;
            }
        }
        else
        {
            var scope = context.Scope.LookupQualifier(owner.Name.Text);
            if (scope is null)
            {
                binder.Diagnostics.Error(ErrorCode.UnknownName, context.Text, owner.Name.Span,
                    $"'{owner.Name.Text}.' is not a qualifier here (use pre. or post. in a synapse)");
                return null;
            }
            entry = scope.Lookup(target.Member.Text);
            if (entry is null)
            {
                binder.Diagnostics.Error(ErrorCode.UnknownName, context.Text, target.Member.Span,
                    $"'{owner.Name.Text}' has no variable '{target.Member.Text}'{binder.Hints.Hint(target.Member.Text, scope.VisibleNames())}");
                return null;
            }
        }
        return (entry.Value.Symbol, entry.Value.Side);
    }
}
