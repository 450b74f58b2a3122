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
        BoundPopulation source, BoundPopulation target)
    {
        var postScope = NeuronScope(target.Type, VariableSide.Post, _globalScope);
        var scope = new Scope(postScope);
        scope.AddQualifier("pre", NeuronScope(source.Type, VariableSide.Pre, _globalScope));
        scope.AddQualifier("post", NeuronScope(target.Type, VariableSide.Post, _globalScope));
        var members = new MemberBinder(_binder, text, scope, VariableOwner.Synapse, ContextFlags.SynapseIndex | ContextFlags.Random,
            $"synapse type '{syntax.Name.Text}'");
        members.Declare(syntax.Members);
        var (parameters, states, lets) = members.BindAll();
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
        var instance = new BoundSynapseInstance(syntax.Name.Text, new SourceLocation(text, syntax.Name.Span), parameters, states, lets, odes,
            method, methodLocation, onPre, onPost);
        return (instance, scope);
    }

    private static string? WhyNotAssignableInSynapse(VariableSymbol symbol, VariableSide side) => symbol switch
    {
        { Owner: VariableOwner.Synapse, Kind: VariableKind.State or VariableKind.Parameter } => null,
        { Owner: VariableOwner.Neuron, Kind: VariableKind.State } => null,
        _ => $"a synapse can change its own params and states and the neurons' states, and '{symbol.Name}' is {Describe(symbol)}",
    };
}
