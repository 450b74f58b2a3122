using System.Collections.Immutable;
using NeuroCompiler.ConnectRules;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// The connect rule: found by name in the registry, its arguments matched and bound as its parameters say, then its own checks.
internal sealed partial class ModelBinder
{
    private BoundConnectivity? BindConnectivity(ConnectSyntax connect, SourceText text, BoundSlice source, BoundSlice target,
        bool autapses, bool multapses, Scope synapseScope)
    {
        var location = new SourceLocation(text, connect.Rule.Span);
        var (name, call) = connect.Rule switch
        {
            NameExpressionSyntax n => (n.Name, (CallExpressionSyntax?)null),
            CallExpressionSyntax c => (c.Function, c),
            _ => (null, null),
        };
        if ((name is null ? null : ConnectivityRules.Find(name.Text)) is not { } rule)
        {
            string given = name?.Text ?? text.ToString(connect.Rule.Span);
            var known = ConnectivityRules.Names.ToList();
            _diagnostics.Error(ErrorCode.UnknownConnectivityRule, text, name?.Span ?? connect.Rule.Span,
                $"unknown connectivity rule '{given}' (known: {string.Join(", ", known)}){_binder.Hints.Hint(given, known)}");
            return null;
        }
        if (MatchRuleArguments(rule, call, connect.Rule, text) is not { } matched)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<double>(rule.Parameters.Length);
        var pairExpressions = ImmutableArray.CreateBuilder<BoundExpression>();
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        bool bound = true;
        foreach (var parameter in rule.Parameters)
        {
            if (!matched.TryGetValue(parameter.Name, out var argument))
            {
                values.Add(parameter.Default!.Value);
                continue;
            }
            locations[parameter.Name] = new SourceLocation(text, argument.Span);
            if (parameter.Kind == RuleValueKind.PairProbability)
            {
                var context = new BindingContext(text, synapseScope, ContextFlags.SynapseIndex, parameter.What);
                var expression = _binder.BindWithDimension(argument, context, parameter.Dimension, parameter.What);
                bound &= !expression.Type.IsError;
                pairExpressions.Add(expression);
                values.Add(double.NaN);
                continue;
            }
            double? value = parameter.Kind == RuleValueKind.Count
                ? BindCount(argument, text, parameter.What)
                : ConstantQuantity(argument, new BindingContext(text, _globalScope, ContextFlags.None, parameter.What), parameter.Dimension, parameter.What);
            bound &= value is not null;
            values.Add(value ?? double.NaN);
        }
        if (!bound)
        {
            return null;
        }

        var arguments = new RuleArguments(rule, values.MoveToImmutable());
        bool overlapping = source.Population == target.Population && source.Start < target.Start + target.Count && target.Start < source.Start + source.Count;
        var check = new RuleCheck(arguments, location, locations, Endpoint(source), Endpoint(target), overlapping, autapses, multapses, _diagnostics);
        return rule.Check(check) ? new BoundConnectivity(arguments, pairExpressions.ToImmutable(), location) : null;
    }

    private static RuleEndpoint Endpoint(BoundSlice slice) => new(slice.Population.Name, slice.Count, slice.Population.Layout is not null);

    /// <summary>
    /// The arguments written, by parameter name (matched by position or by name); null after reporting. A rule
    /// written without parentheses takes its defaults, if every parameter has one.
    /// </summary>
    private Dictionary<string, ExpressionSyntax>? MatchRuleArguments(RuleDescriptor rule, CallExpressionSyntax? call, ExpressionSyntax written, SourceText text)
    {
        if (rule.Parameters.IsEmpty && call is { Arguments.Length: > 0 })
        {
            _diagnostics.Error(ErrorCode.WrongArgumentCount, text, call.Span, $"'{rule.Name}' takes no arguments");
            return null;
        }
        if (call is not null)
        {
            return ArgumentMatcher.Match(call, rule.Parameters.Select(p => p.IsOptional ? p.Name + "?" : p.Name).ToList(), text, _diagnostics);
        }
        if (rule.Parameters.Any(p => !p.IsOptional))
        {
            _diagnostics.Error(ErrorCode.WrongArgumentCount, text, written.Span,
                $"'{rule.Name}' needs {(rule.Parameters.Length == 1 ? "an argument" : "arguments")}: {rule.Name}({string.Join(", ", rule.Parameters.Select(p => p.Name))})");
            return null;
        }
        return new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
    }
}
