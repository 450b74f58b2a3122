using System.Collections.Immutable;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Neuron types: members, equations, threshold, reset and refractoriness.
internal sealed partial class ModelBinder
{
    private readonly Dictionary<BoundNeuronType, Scope> _neuronScopes = new();

    private ImmutableArray<BoundNeuronType> BindNeuronTypes()
    {
        foreach (var (name, (syntax, text)) in _neuronSyntax)
        {
            _neuronTypes[name] = BindNeuronType(syntax, text);
        }
        foreach (var (name, (syntax, _)) in _variantSyntax.Where(v => v.Value.Syntax.IsNeuron))
        {
            NeuronVariant(name);
        }
        return _neuronTypes.Values.OfType<BoundNeuronType>().ToImmutableArray();
    }

    /// <summary>
    /// Binds a neuron variant after its base, which may itself be a variant; null when it had errors.
    /// The chain of bases is walked down first and bound on the way back up, without recursion.
    /// </summary>
    private BoundNeuronType? NeuronVariant(string name)
    {
        var chain = new List<string>(); // this variant, its base, ... down to one already bound or not a variant
        var onChain = new HashSet<string>(StringComparer.Ordinal);
        for (string current = name; !_neuronTypes.ContainsKey(current) && _variantSyntax.TryGetValue(current, out var v) && v.Syntax.IsNeuron;
             current = v.Syntax.Base.Text)
        {
            if (!onChain.Add(current))
            {
                _diagnostics.Error(ErrorCode.ParameterCycle, v.Text, v.Syntax.Name.Span,
                    $"type '{current}' is a variant of itself: {string.Join(" -> ", chain.Append(current))}");
                foreach (var variant in chain)
                {
                    _neuronTypes[variant] = null;
                }
                return null;
            }
            chain.Add(current);
        }
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            BindNeuronVariant(chain[i]);
        }
        return _neuronTypes.GetValueOrDefault(name);
    }

    /// <summary>Binds one neuron variant whose base is bound already (or is not a neuron type).</summary>
    private void BindNeuronVariant(string name)
    {
        var (syntax, text) = _variantSyntax[name];
        BoundNeuronType? baseType = null;
        if (_neuronSyntax.ContainsKey(syntax.Base.Text) || _variantSyntax.TryGetValue(syntax.Base.Text, out var b) && b.Syntax.IsNeuron)
        {
            baseType = _neuronTypes.GetValueOrDefault(syntax.Base.Text);
        }
        else if (!syntax.Base.IsMissing)
        {
            _diagnostics.Error(ErrorCode.UnknownType, text, syntax.Base.Span,
                $"unknown neuron type '{syntax.Base.Text}'{_binder.Hints.Hint(syntax.Base.Text, _neuronSyntax.Keys)}");
        }
        // A variant is a level deeper than its base; a base that is bound is within the limit, so only the variant one level past it is reported.
        int depth = 1 + _variantDepths.GetValueOrDefault(syntax.Base.Text);
        _variantDepths[name] = depth;
        if (baseType is not null && depth > Limits.MaxNesting)
        {
            _diagnostics.Error(ErrorCode.NestingTooDeep, text, syntax.Base.Span, NestingMessages.Variants(VariantChain(name)));
            baseType = null;
        }
        _neuronTypes[name] = baseType is null ? null : BindVariantValues(baseType, syntax, text);
    }

    /// <summary>How many variants deep each neuron variant is (a variant of a plain type is 1).</summary>
    private readonly Dictionary<string, int> _variantDepths = new(StringComparer.Ordinal);

    /// <summary>A variant, its base, the base's base, ... down to the plain type.</summary>
    private List<string> VariantChain(string name)
    {
        var chain = new List<string> { name };
        while (chain.Count <= Limits.MaxNesting + 1 && _variantSyntax.TryGetValue(chain[^1], out var v))
        {
            chain.Add(v.Syntax.Base.Text);
        }
        return chain;
    }

    private BoundNeuronType? BindVariantValues(BoundNeuronType baseType, TypeVariantSyntax syntax, SourceText text)
    {
        var flags = ContextFlags.NeuronIndex | ContextFlags.Random | ContextFlags.Position;
        var replaced = BindDefaultOverrides(baseType.Parameters.Concat(baseType.States), syntax, text,
            member => NeuronScope(baseType, VariableSide.Self, _globalScope, without: member), flags, $"neuron type '{baseType.Name}'");
        if (replaced is null)
        {
            return null;
        }
        CheckDefinitionCycles(baseType.Parameters.Concat(baseType.States).Concat(baseType.Lets),
            replaced.ToDictionary(r => r.Key, r => (r.Value, new SourceLocation(text, syntax.Name.Span))), $"neuron type '{syntax.Name.Text}'");
        BoundMember Replace(BoundMember m) => replaced.TryGetValue(m.Symbol, out var value) ? m with { Value = value } : m;
        return baseType with
        {
            Name = syntax.Name.Text,
            Location = new SourceLocation(text, syntax.Name.Span),
            Parameters = baseType.Parameters.Select(Replace).ToImmutableArray(),
            States = baseType.States.Select(Replace).ToImmutableArray(),
        };
    }

    /// <summary>Binds <c>name = value</c> settings that replace members' default values; null when any failed.</summary>
    private Dictionary<VariableSymbol, BoundExpression>? BindDefaultOverrides(IEnumerable<BoundMember> members, TypeVariantSyntax syntax, SourceText text,
        Func<VariableSymbol, Scope> scopeFor, ContextFlags flags, string owner)
    {
        var byName = members.ToDictionary(m => m.Symbol.Name, m => m);
        var result = new Dictionary<VariableSymbol, BoundExpression>();
        bool ok = true;
        foreach (var setting in syntax.Settings.Where(s => !s.Name.IsMissing))
        {
            if (!byName.TryGetValue(setting.Name.Text, out var member))
            {
                _diagnostics.Error(ErrorCode.UnknownName, text, setting.Name.Span,
                    $"{owner} has no param or state '{setting.Name.Text}'{_binder.Hints.Hint(setting.Name.Text, byName.Keys)}");
                ok = false;
                continue;
            }
            var value = _binder.Bind(setting.Value, new BindingContext(text, scopeFor(member.Symbol), flags, $"the value of '{setting.Name.Text}'"));
            if (!member.Symbol.HasKnownDimension || !_binder.CheckDimension(value, text, member.Symbol.Dimension, $"'{setting.Name.Text}'"))
            {
                ok = false;
                continue;
            }
            if (!result.TryAdd(member.Symbol, value))
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, text, setting.Name.Span, $"'{setting.Name.Text}' is set twice");
                ok = false;
            }
        }
        return ok ? result : null;
    }

    private BoundNeuronType BindNeuronType(NeuronTypeSyntax syntax, SourceText text)
    {
        var scope = new Scope(_globalScope);
        var members = new MemberBinder(_binder, text, scope, VariableOwner.Neuron,
            ContextFlags.NeuronIndex | ContextFlags.Random | ContextFlags.Position, $"neuron type '{syntax.Name.Text}'");
        members.Declare(syntax.Members);
        var (parameters, states, lets) = members.BindAll();
        var odes = members.BindOdes(syntax.Members.OfType<OdeMemberSyntax>());
        var (method, methodLocation) = members.BindMethod(syntax.Members.OfType<MethodMemberSyntax>());
        var dynamics = ContextFlags.NeuronIndex | ContextFlags.Random | ContextFlags.Time | ContextFlags.Position;

        foreach (var member in syntax.Members)
        {
            var (span, keyword) = member switch
            {
                EventHandlerMemberSyntax h => (h.KeywordSpan, h.Event == SynapticEvent.Pre ? "on_pre" : "on_post"),
                StructuralMemberSyntax rule => (rule.KeywordSpan, rule.Kind == StructuralKind.Prune ? "prune" : "grow"),
                EveryMemberSyntax e => (new TextSpan(e.Span.Start, Math.Min(5, e.Span.Length)), "every"),
                _ => (default, null),
            };
            if (keyword is not null)
            {
                _diagnostics.Error(ErrorCode.MemberNotAllowedHere, text, span, $"'{keyword}' belongs in a synapse type, not a neuron type");
            }
        }

        BoundExpression? threshold = null;
        foreach (var t in syntax.Members.OfType<ThresholdMemberSyntax>())
        {
            if (threshold is not null)
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, text, t.Span, "the threshold is given twice");
                continue;
            }
            threshold = _binder.BindBoolean(t.Condition, new BindingContext(text, scope, dynamics, "the threshold"), "the threshold");
        }

        var reset = ImmutableArray<BoundStatement>.Empty;
        var resets = syntax.Members.OfType<ResetMemberSyntax>().ToList();
        foreach (var extra in resets.Skip(1))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, text, extra.Span, "the reset is given twice");
        }
        if (resets.FirstOrDefault() is { } r)
        {
            reset = StatementBinder.Bind(r.Body, _binder, new BindingContext(text, scope, dynamics, "the reset"),
                (symbol, _) => symbol.Kind == VariableKind.State && symbol.Owner == VariableOwner.Neuron || symbol.Kind == VariableKind.Signal
                    ? null
                    : $"a reset can only change the neuron's states and model-level states, and '{symbol.Name}' is {Describe(symbol)}");
        }
        if (threshold is null && resets.Count > 0)
        {
            _diagnostics.Warning(ErrorCode.MemberNotAllowedHere, text, resets[0].Span, "this reset never runs: the type has no threshold");
        }

        BoundRefractory? refractory = null;
        var refractories = syntax.Members.OfType<RefractoryMemberSyntax>().ToList();
        foreach (var extra in refractories.Skip(1))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, text, extra.Span, "the refractory period is given twice");
        }
        if (refractories.FirstOrDefault() is { } refractorySyntax)
        {
            refractory = BindRefractory(refractorySyntax, text, scope, reset);
        }

        var bound = new BoundNeuronType(syntax.Name.Text, new SourceLocation(text, syntax.Name.Span), parameters, states, lets, odes,
            method, methodLocation, threshold, reset, refractory);
        _neuronScopes[bound] = scope;
        return bound;
    }

    private BoundRefractory? BindRefractory(RefractoryMemberSyntax syntax, SourceText text, Scope scope, ImmutableArray<BoundStatement> reset)
    {
        var context = new BindingContext(text, scope, ContextFlags.NeuronIndex | ContextFlags.Random | ContextFlags.Position, "the refractory period");
        var period = _binder.BindWithDimension(syntax.Period, context, Dimension.Second, "the refractory period");
        ImmutableArray<VariableSymbol> clamped;
        if (syntax.HasClampList)
        {
            var list = ImmutableArray.CreateBuilder<VariableSymbol>();
            foreach (var name in syntax.Clamped.Where(n => !n.IsMissing))
            {
                if (scope.Lookup(name.Text) is { Symbol: { Kind: VariableKind.State, Owner: VariableOwner.Neuron } state })
                {
                    list.Add(state);
                }
                else
                {
                    _diagnostics.Error(ErrorCode.UnknownName, text, name.Span, $"'{name.Text}' is not a state of this neuron type, so it cannot be clamped");
                }
            }
            clamped = list.ToImmutable();
        }
        else
        {
            // By default the states the reset sets with '=' are held while refractory (v in LIF, not w in AdEx).
            clamped = reset.Where(s => s.Operator == AssignmentOperator.Assign).Select(s => s.Target).Distinct().ToImmutableArray();
        }
        if (period.Type.IsError ||
            _binder.Constants.TryEvaluate(period, out double constant) && !CheckTime(constant, TimeUse.Refractory, new SourceLocation(text, period.Span)))
        {
            return null; // a period that depends on the population's values is checked for each population when it is lowered
        }
        return new BoundRefractory(period, clamped, syntax.Span);
    }

    private static string Describe(VariableSymbol symbol) => symbol.Kind switch
    {
        VariableKind.Parameter => "a parameter",
        VariableKind.GlobalParameter => "a model parameter",
        VariableKind.Signal => "a model-level state",
        VariableKind.Let => "a definition (let)",
        VariableKind.Builtin => "built in",
        _ => symbol.Owner == VariableOwner.Synapse ? "a synapse variable" : "a neuron state",
    };

    /// <summary>
    /// A scope holding a neuron type's names, read from the given side (for pre./post. in synapses).
    /// <paramref name="without"/> leaves one name out: in <c>{ tau = tau }</c> the right-hand side
    /// means the model param, not the member being given its value.
    /// </summary>
    private Scope NeuronScope(BoundNeuronType? type, VariableSide side, Scope parent, VariableSymbol? without = null)
    {
        var scope = new Scope(parent);
        if (type is null)
        {
            return scope;
        }
        foreach (var member in type.Parameters.Concat(type.States).Concat(type.Lets))
        {
            if (member.Symbol != without)
            {
                scope.TryDeclare(member.Symbol, side);
            }
        }
        return scope;
    }

    /// <summary>
    /// Reports values that, once a population's or variant's own values replace the defaults, depend on
    /// themselves or nest too deeply through each other.
    /// </summary>
    private void CheckDefinitionCycles(IEnumerable<BoundMember> members, IReadOnlyDictionary<VariableSymbol, (BoundExpression Value, SourceLocation Location)> replaced, string owner)
    {
        var definitions = members.ToDictionary(m => m.Symbol, m => replaced.TryGetValue(m.Symbol, out var r) ? r.Value : m.Value);
        var graph = DefinitionGraph.Analyse(definitions);
        foreach (var cycle in graph.Cycles)
        {
            var culprit = cycle.FirstOrDefault(replaced.ContainsKey);
            if (culprit is null)
            {
                continue; // a cycle among defaults only: reported where the type is declared
            }
            _diagnostics.Error(ErrorCode.ParameterCycle, replaced[culprit].Location,
                $"in {owner}, '{culprit.Name}' is defined in terms of itself: {string.Join(" -> ", cycle.Select(s => $"'{s.Name}'"))}");
        }
        foreach (var chain in graph.TooDeep)
        {
            if (chain.FirstOrDefault(replaced.ContainsKey) is { } culprit)
            {
                _diagnostics.Error(ErrorCode.NestingTooDeep, replaced[culprit].Location,
                    $"in {owner}, '{culprit.Name}' is " + NestingMessages.Definitions(chain.Select(s => s.Name).ToList()));
            }
        }
    }
}
