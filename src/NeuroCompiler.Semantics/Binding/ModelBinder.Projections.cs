using System.Collections.Immutable;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Projections: endpoints, synapse instance, per-synapse values and delays (the connect rule: ModelBinder.Connectivity.cs).
internal sealed partial class ModelBinder
{
    private ImmutableArray<BoundProjection> BindProjections(SyntaxTree main, BoundSettings settings)
    {
        var result = ImmutableArray.CreateBuilder<BoundProjection>();
        foreach (var syntax in main.Root.Declarations.OfType<ProjectionSyntax>())
        {
            bool declared = DeclareInstance(syntax.Name, main.Text, "name");
            if (BindProjection(syntax, main.Text, settings) is { } projection && declared)
            {
                result.Add(projection);
            }
        }
        return result.ToImmutable();
    }

    private BoundProjection? BindProjection(ProjectionSyntax syntax, SourceText text, BoundSettings settings)
    {
        var source = BindSlice(syntax.Source, text);
        var target = BindSlice(syntax.Target, text);
        (SynapseTypeSyntax Syntax, SourceText Text)? synapseType = null;
        var variants = new List<(TypeVariantSyntax Syntax, SourceText Text)>();
        if (!syntax.Synapse.IsMissing)
        {
            string typeName = syntax.Synapse.Text;
            var names = new List<string>();
            bool cycle = false;
            while (_variantSyntax.TryGetValue(typeName, out var variant) && !variant.Syntax.IsNeuron && variants.Count <= Limits.MaxNesting)
            {
                if (names.Contains(typeName))
                {
                    cycle = true;
                    break;
                }
                names.Add(typeName);
                variants.Add(variant);
                typeName = variant.Syntax.Base.Text;
            }
            variants.Reverse();
            if (cycle)
            {
                _diagnostics.Error(ErrorCode.ParameterCycle, text, syntax.Synapse.Span, $"synapse type '{syntax.Synapse.Text}' is a variant of itself");
            }
            else if (variants.Count > Limits.MaxNesting)
            {
                _diagnostics.Error(ErrorCode.NestingTooDeep, text, syntax.Synapse.Span, NestingMessages.Variants(names));
            }
            else if (_synapseSyntax.TryGetValue(typeName, out var found))
            {
                synapseType = found;
            }
            else
            {
                string hint = _neuronSyntax.ContainsKey(syntax.Synapse.Text) ? $" ('{syntax.Synapse.Text}' is a neuron type)" :
                    _binder.Hints.Hint(syntax.Synapse.Text, _synapseSyntax.Keys);
                _diagnostics.Error(ErrorCode.UnknownType, text, syntax.Synapse.Span, $"unknown synapse type '{syntax.Synapse.Text}'{hint}");
            }
        }
        if (source is null || target is null)
        {
            return null;
        }
        if (synapseType is null)
        {
            CheckWithoutSynapse(syntax, text, settings, source, target);
            return null;
        }

        // What goes wrong inside a synapse type in another file (std/synapses: 'ge' on a LIF target) is this projection's doing.
        using var use = _diagnostics.UseSite(new SourceLocation(text, syntax.Synapse.Span),
            $"synapse type '{syntax.Synapse.Text}', as projection '{syntax.Name.Text}' connects it onto '{target.Population.Name}'" +
            (target.Population.Type is { } postType ? $" (neuron type '{postType.Name}')" : ""));
        var (instance, synapseScope) = BindSynapseInstance(synapseType.Value.Syntax, synapseType.Value.Text, source.Population, target.Population, settings.Dt, syntax, text);
        foreach (var (variant, variantText) in variants)
        {
            var current = instance;
            var replaced = BindDefaultOverrides(instance.Parameters.Concat(instance.States), variant, variantText,
                member => SynapseValueScope(current, source.Population, target.Population, member),
                ContextFlags.SynapseIndex | ContextFlags.Random, $"synapse type '{instance.TypeName}'");
            if (replaced is null)
            {
                return null;
            }
            BoundMember Replace(BoundMember m) => replaced.TryGetValue(m.Symbol, out var value) ? m with { Value = value } : m;
            instance = instance with
            {
                TypeName = variant.Name.Text,
                Parameters = instance.Parameters.Select(Replace).ToImmutableArray(),
                States = instance.States.Select(Replace).ToImmutableArray(),
            };
        }
        var valueContext = new BindingContext(text, synapseScope, ContextFlags.SynapseIndex | ContextFlags.Random, $"projection '{syntax.Name.Text}'");

        var (autapses, multapses) = BindFlags(syntax, text);
        BoundExpression? delay = null;
        SourceLocation? delayLocation = null;
        var initializers = ImmutableArray.CreateBuilder<BoundOverride>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in syntax.Settings.Where(s => !s.Name.IsMissing))
        {
            if (!seen.Add(setting.Name.Text))
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, text, setting.Name.Span, $"'{setting.Name.Text}' is set twice");
                continue;
            }
            switch (setting.Name.Text)
            {
                case "autapses" or "multapses" or "target":
                    break;
                case "delay":
                    delayLocation = new SourceLocation(text, setting.Value.Span);
                    delay = _binder.BindWithDimension(setting.Value, valueContext with { Place = "a delay" }, Dimension.Second, "a delay");
                    if (!delay.Type.IsError)
                    {
                        CheckDelay(delay, text, settings.Dt);
                    }
                    break;
                default:
                    var member = instance.Parameters.Concat(instance.States).FirstOrDefault(m => m.Symbol.Name == setting.Name.Text);
                    if (member is null)
                    {
                        var names = instance.Parameters.Concat(instance.States).Select(m => m.Symbol.Name).Concat(new[] { "delay", "autapses", "multapses", "target" });
                        _diagnostics.Error(ErrorCode.UnknownName, text, setting.Name.Span,
                            $"synapse type '{instance.TypeName}' has no param or state '{setting.Name.Text}', and it is not a projection setting (delay, autapses, multapses, target){_binder.Hints.Hint(setting.Name.Text, names)}");
                        continue;
                    }
                    var value = _binder.Bind(setting.Value, valueContext with
                    {
                        Scope = SynapseValueScope(instance, source.Population, target.Population, member.Symbol),
                        Place = $"the value of '{setting.Name.Text}'",
                    });
                    if (member.Symbol.Name == Exists && member.Symbol.Owner == VariableOwner.Synapse && value.Type == ValueType.Boolean)
                    {
                        initializers.Add(new BoundOverride(member.Symbol, value, new SourceLocation(text, setting.Span))); // which potential synapses exist at the start
                    }
                    else if (member.Symbol.HasKnownDimension && _binder.CheckDimension(value, text, member.Symbol.Dimension, $"'{setting.Name.Text}'"))
                    {
                        initializers.Add(new BoundOverride(member.Symbol, value, new SourceLocation(text, setting.Span)));
                    }
                    break;
            }
        }

        CheckDefinitionCycles(instance.Parameters.Concat(instance.States).Concat(instance.Lets),
            initializers.ToDictionary(i => i.Symbol, i => (i.Value, i.Location)), $"projection '{syntax.Name.Text}'");
        foreach (var extra in syntax.Connects.Skip(1))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, text, extra.Span, "a projection has one connect rule; this is a second");
        }
        if (syntax.Connects.IsEmpty)
        {
            _diagnostics.Error(ErrorCode.MissingArgument, text, syntax.Name.Span,
                $"projection '{syntax.Name.Text}' needs a connect rule (e.g. connect fixed_probability(0.1))");
            return null;
        }
        var connectivity = BindConnectivity(syntax.Connects[0], text, source, target, autapses, multapses, synapseScope);
        if (connectivity is null)
        {
            return null;
        }
        return new BoundProjection(syntax.Name.Text, new SourceLocation(text, syntax.Name.Span), source, target, instance, connectivity,
            initializers.ToImmutable(), delay, delayLocation, autapses, multapses);
    }

    /// <summary>
    /// The synapse type is unknown (already reported): still check what does not depend on it, the
    /// connect rule and the delay, so one run reports those mistakes too.
    /// </summary>
    private void CheckWithoutSynapse(ProjectionSyntax syntax, SourceText text, BoundSettings settings, BoundSlice source, BoundSlice target)
    {
        var scope = new Scope(NeuronScope(target.Population.Type, VariableSide.Post, _globalScope));
        scope.AddQualifier("pre", NeuronScope(source.Population.Type, VariableSide.Pre, _globalScope));
        scope.AddQualifier("post", NeuronScope(target.Population.Type, VariableSide.Post, _globalScope));
        var (autapses, multapses) = BindFlags(syntax, text);
        foreach (var setting in syntax.Settings.Where(s => !s.Name.IsMissing))
        {
            switch (setting.Name.Text)
            {
                case "delay":
                    var context = new BindingContext(text, scope, ContextFlags.SynapseIndex | ContextFlags.Random, "a delay");
                    var delay = _binder.BindWithDimension(setting.Value, context, Dimension.Second, "a delay");
                    if (!delay.Type.IsError)
                    {
                        CheckDelay(delay, text, settings.Dt);
                    }
                    break;
            }
        }
        if (syntax.Connects.FirstOrDefault() is { } connect)
        {
            BindConnectivity(connect, text, source, target, autapses, multapses, scope);
        }
    }

    /// <summary>autapses (default true) and multapses (default false).</summary>
    private (bool Autapses, bool Multapses) BindFlags(ProjectionSyntax syntax, SourceText text)
    {
        bool autapses = true;
        bool multapses = false;
        foreach (var setting in syntax.Settings)
        {
            switch (setting.Name.Text)
            {
                case "autapses":
                    autapses = BindFlag(setting, text) ?? autapses;
                    break;
                case "multapses":
                    multapses = BindFlag(setting, text) ?? multapses;
                    break;
            }
        }
        return (autapses, multapses);
    }

    private bool? BindFlag(SettingSyntax setting, SourceText text)
    {
        if (setting.Value is BoolLiteralSyntax b)
        {
            return b.Value;
        }
        _diagnostics.Error(ErrorCode.InvalidValue, text, setting.Value.Span, $"'{setting.Name.Text}' must be true or false");
        return null;
    }

    /// <summary>
    /// A delay that is one number, or the bounds of a uniform one, checked where it is written (at least one
    /// step, at most <see cref="Core.Limits.MaxDelaySteps"/>); other per-synapse delays are checked synapse by
    /// synapse when the connectivity is built, in the same words.
    /// </summary>
    private void CheckDelay(BoundExpression delay, SourceText text, double dt)
    {
        var known = _binder.Constants.TryEvaluate(delay, out double constant) ? new[] { (Value: constant, Expression: delay) } :
            delay is BoundCall { Function: BuiltinFunction.Uniform } uniform
                ? uniform.Arguments.Where(a => _binder.Constants.TryEvaluate(a, out _))
                    .Select(a => (Value: _binder.Constants.TryEvaluate(a, out double v) ? v : 0, Expression: a)).ToArray()
                : Array.Empty<(double Value, BoundExpression Expression)>();
        if (known.Any(k => !CheckTime(k.Value, TimeUse.Delay, new SourceLocation(text, k.Expression.Span))))
        {
            return;
        }
        if (delay is BoundLiteral or BoundBinary && known.Length == 1)
        {
            double d = known[0].Value;
            double rounded = TimeSteps.Round(d, dt);
            if (Math.Abs(d / dt - rounded) > 1e-6)
            {
                _diagnostics.Warning(ErrorCode.DelayNotMultipleOfStep, text, delay.Span,
                    $"a delay of {Format.Seconds(d)} is not a multiple of dt = {Format.Seconds(dt)}; it is rounded to {rounded} step{(rounded == 1 ? "" : "s")}");
            }
        }
    }
}
