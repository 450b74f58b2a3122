using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Synapse types, bound once per projection: an unqualified name in a handler is the synapse's own,
// else the postsynaptic neuron's (so `ge += w` reaches the target); pre.X and post.X are explicit.
internal sealed partial class ModelBinder
{
    /// <summary>
    /// The names a projection's synapse values see: the synapse's members, then the postsynaptic
    /// neuron's, then the model's; pre. and post. qualify. <paramref name="without"/> leaves one member
    /// out, so <c>w = w</c> in a projection reads the model param <c>w</c>.
    /// </summary>
    private Scope SynapseValueScope(BoundSynapseInstance instance, BoundPopulation source, BoundPopulation target, VariableSymbol? without)
    {
        var scope = new Scope(NeuronScope(target.Type, VariableSide.Post, _globalScope));
        scope.AddQualifier("pre", NeuronScope(source.Type, VariableSide.Pre, _globalScope));
        scope.AddQualifier("post", NeuronScope(target.Type, VariableSide.Post, _globalScope));
        foreach (var member in instance.Parameters.Concat(instance.States).Concat(instance.Lets))
        {
            if (member.Symbol != without)
            {
                scope.TryDeclare(member.Symbol);
            }
        }
        return scope;
    }

    private (BoundSynapseInstance Instance, Scope Scope) BindSynapseInstance(SynapseTypeSyntax syntax, SourceText text,
        BoundPopulation source, BoundPopulation target, double dt, ProjectionSyntax projection, SourceText projectionText)
    {
        var postScope = NeuronScope(target.Type, VariableSide.Post, _globalScope);
        var scope = new Scope(postScope);
        scope.AddQualifier("pre", NeuronScope(source.Type, VariableSide.Pre, _globalScope));
        scope.AddQualifier("post", NeuronScope(target.Type, VariableSide.Post, _globalScope));
        DeclareTarget(scope, postScope, projection, projectionText);
        var given = new BindingContext(projectionText, _globalScope, ContextFlags.None, "a projection's value");
        var members = new MemberBinder(_binder, text, scope, VariableOwner.Synapse, ContextFlags.SynapseIndex | ContextFlags.Random,
            $"synapse type '{syntax.Name.Text}'")
        {
            Provided = name => projection.Settings.FirstOrDefault(s => s.Name.Text == name) is { } setting ? (setting.Value, given) : null,
        };
        // A type with structural rules has an implicit state 'exists' (1 while the synapse exists).
        var exists = syntax.Members.OfType<StructuralMemberSyntax>().Any()
            ? new VariableSymbol(Exists, VariableKind.State, VariableOwner.Synapse, Core.Units.Dimension.None, new SourceLocation(text, syntax.Name.Span))
            : null;
        if (exists is not null)
        {
            scope.TryDeclare(exists);
        }
        members.Declare(syntax.Members);
        var (parameters, states, lets) = members.BindAll();
        if (exists is not null)
        {
            states = states.Add(new BoundMember(exists, new BoundLiteral(1, ValueType.Dimensionless, syntax.Name.Span)));
        }
        var odes = members.BindOdes(syntax.Members.OfType<OdeMemberSyntax>());
        var (method, methodLocation) = members.BindMethod(syntax.Members.OfType<MethodMemberSyntax>());

        foreach (var member in syntax.Members)
        {
            string? keyword = member switch
            {
                ThresholdMemberSyntax => "threshold",
                ResetMemberSyntax => "reset",
                RefractoryMemberSyntax => "refractory",
                _ => null,
            };
            if (keyword is not null)
            {
                // Point at the keyword, as for on_pre in a neuron type (a reset's span covers its whole block).
                _diagnostics.Error(ErrorCode.MemberNotAllowedHere, text, new TextSpan(member.Span.Start, Math.Min(keyword.Length, member.Span.Length)),
                    $"'{keyword}' belongs in a neuron type, not a synapse type");
            }
        }

        var handlerContext = new BindingContext(text, scope, ContextFlags.SynapseIndex | ContextFlags.Random | ContextFlags.Time, "an event handler");
        ImmutableArray<BoundStatement> Handler(SynapticEvent e)
        {
            var handlers = syntax.Members.OfType<EventHandlerMemberSyntax>().Where(h => h.Event == e).ToList();
            foreach (var extra in handlers.Skip(1))
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, text, extra.KeywordSpan, $"'{(e == SynapticEvent.Pre ? "on_pre" : "on_post")}' is given twice");
            }
            return handlers.Count == 0
                ? ImmutableArray<BoundStatement>.Empty
                : StatementBinder.Bind(handlers[0].Body, _binder, handlerContext, WhyNotAssignableInSynapse);
        }
        var onPre = Handler(SynapticEvent.Pre);
        var onPost = Handler(SynapticEvent.Post);
        var intervalContext = new BindingContext(text, _globalScope, ContextFlags.None, "an interval");
        var clockRules = syntax.Members.OfType<EveryMemberSyntax>()
            .Select(e => (Rule: e, Interval: Interval(e.Interval, intervalContext, "a rule's interval")))
            .Select(e => new BoundClockRule(e.Interval ?? dt, StatementBinder.Bind(e.Rule.Body, _binder, handlerContext with { Place = "a clock rule" },
                WhyNotAssignableInSynapse), new SourceLocation(text, e.Rule.Span)))
            .ToImmutableArray();
        var structure = BindStructure(syntax, text, scope, intervalContext, dt);
        var instance = new BoundSynapseInstance(syntax.Name.Text, new SourceLocation(text, syntax.Name.Span), parameters, states, lets, odes,
            method, methodLocation, onPre, onPost, clockRules, structure);
        return (instance, scope);
    }

    /// <summary>
    /// <c>target = ge</c> in a projection: the synapse type's handlers write <c>target</c> (as a library
    /// rule does, not knowing which state its input goes to) and mean this state of the postsynaptic neuron.
    /// </summary>
    private void DeclareTarget(Scope scope, Scope postScope, ProjectionSyntax projection, SourceText text)
    {
        if (projection.Settings.FirstOrDefault(s => s.Name.Text == "target") is not { } setting)
        {
            return;
        }
        if (setting.Value is not NameExpressionSyntax name)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, setting.Value.Span, "'target' names a state of the postsynaptic neuron: target = ge");
            return;
        }
        if (postScope.Lookup(name.Name.Text) is { Symbol: { Kind: VariableKind.State, Owner: VariableOwner.Neuron } state })
        {
            scope.TryDeclareAs("target", state, VariableSide.Post);
            return;
        }
        _diagnostics.Error(ErrorCode.UnknownName, text, setting.Value.Span,
            $"'{name.Name.Text}' is not a state of the postsynaptic neuron, so it cannot be the synapses' target");
    }

    /// <summary><c>prune/grow every INTERVAL when CONDITION</c>: at most one of each.</summary>
    private ImmutableArray<BoundStructuralRule> BindStructure(SynapseTypeSyntax syntax, SourceText text, Scope scope, BindingContext intervalContext, double dt)
    {
        var result = ImmutableArray.CreateBuilder<BoundStructuralRule>();
        var conditionContext = new BindingContext(text, scope, ContextFlags.SynapseIndex | ContextFlags.Random | ContextFlags.Time, "a structural rule");
        foreach (var rule in syntax.Members.OfType<StructuralMemberSyntax>())
        {
            string keyword = rule.Kind == StructuralKind.Prune ? "prune" : "grow";
            if (result.Any(r => r.Kind == rule.Kind))
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, text, rule.KeywordSpan, $"'{keyword}' is given twice");
                continue;
            }
            var interval = Interval(rule.Interval, intervalContext, $"the interval of '{keyword}'");
            var condition = _binder.BindBoolean(rule.Condition, conditionContext, $"the condition of '{keyword}'");
            if (interval is { } i && !condition.Type.IsError)
            {
                result.Add(new BoundStructuralRule(rule.Kind, i, condition, new SourceLocation(text, rule.Span)));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>The implicit state of a synapse type with structural rules: 1 while a potential synapse exists, 0 otherwise.</summary>
    public const string Exists = "exists";

    private static string? WhyNotAssignableInSynapse(VariableSymbol symbol, VariableSide side) => symbol switch
    {
        { Name: Exists, Owner: VariableOwner.Synapse } => "a synapse is created and removed by its type's grow and prune rules",
        { Owner: VariableOwner.Synapse, Kind: VariableKind.State or VariableKind.Parameter } => null,
        { Owner: VariableOwner.Neuron, Kind: VariableKind.State } => null,
        { Kind: VariableKind.Signal } => null,
        _ => $"a synapse can change its own params and states, the neurons' states and model-level states, and '{symbol.Name}' is {Describe(symbol)}",
    };
}
