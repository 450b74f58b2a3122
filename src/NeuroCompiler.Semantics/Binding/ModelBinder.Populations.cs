using NeuroCompiler.Core;
using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Populations: type, size, per-population values, layout; spike generators.
internal sealed partial class ModelBinder
{
    public const string SpikeGeneratorType = "SpikeGenerator";

    private readonly HashSet<string> _populationNames = new(StringComparer.Ordinal);

    private ImmutableArray<BoundPopulation> BindPopulations(SyntaxTree main, BoundSettings settings)
    {
        var result = ImmutableArray.CreateBuilder<BoundPopulation>();
        foreach (var syntax in main.Root.Declarations.OfType<PopulationSyntax>())
        {
            bool declared = DeclareInstance(syntax.Name, main.Text, "name");
            if (declared)
            {
                _populationNames.Add(syntax.Name.Text);
            }
            var population = BindPopulation(syntax, main.Text);
            if (population is not null && declared)
            {
                _populations[population.Name] = population;
                result.Add(population);
            }
        }
        return result.ToImmutable();
    }

    private BoundPopulation? BindPopulation(PopulationSyntax syntax, SourceText text)
    {
        var location = new SourceLocation(text, syntax.Name.Span);
        int? size = BindCount(syntax.Size, text, "a population's size");
        bool isGenerator = syntax.Type.Text == SpikeGeneratorType;
        BoundNeuronType? type = null;
        if (!isGenerator && !syntax.Type.IsMissing)
        {
            if (_neuronTypes.TryGetValue(syntax.Type.Text, out var found))
            {
                type = found;
            }
            else
            {
                string hint = _synapseSyntax.ContainsKey(syntax.Type.Text) ? " ('" + syntax.Type.Text + "' is a synapse type)" :
                    _binder.Hints.Hint(syntax.Type.Text, _neuronTypes.Keys.Append(SpikeGeneratorType));
                string import = _neuronTypes.Count == 0 ? " (did you forget import \"std/neurons\"?)" : "";
                _diagnostics.Error(ErrorCode.UnknownType, text, syntax.Type.Span, $"unknown neuron type '{syntax.Type.Text}'{hint}{import}");
            }
        }

        BoundLayout? layout = null;
        var layoutSetting = syntax.Settings.FirstOrDefault(s => s.Name.Text == "layout");
        if (layoutSetting is not null && size is { } n)
        {
            layout = BindLayout(layoutSetting, text, n);
        }

        if (isGenerator)
        {
            var times = BindSpikeTimes(syntax, text, size);
            return size is { } count && times is not null
                ? new BoundPopulation(syntax.Name.Text, location, null, times, count, ImmutableArray<BoundOverride>.Empty, layout)
                : null;
        }

        var overrides = ImmutableArray.CreateBuilder<BoundOverride>();
        if (type is not null)
        {
            var flags = ContextFlags.NeuronIndex | ContextFlags.Random | (layout is not null ? ContextFlags.Position : ContextFlags.None);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var setting in syntax.Settings.Where(s => s.Name.Text != "layout" && !s.Name.IsMissing))
            {
                if (!seen.Add(setting.Name.Text))
                {
                    _diagnostics.Error(ErrorCode.DuplicateMember, text, setting.Name.Span, $"'{setting.Name.Text}' is set twice");
                    continue;
                }
                var member = type.FindParameter(setting.Name.Text) ?? type.FindState(setting.Name.Text);
                if (member is null)
                {
                    var names = type.Parameters.Concat(type.States).Select(m => m.Symbol.Name).Append("layout");
                    _diagnostics.Error(ErrorCode.UnknownName, text, setting.Name.Span,
                        $"neuron type '{type.Name}' has no param or state '{setting.Name.Text}'{_binder.Hints.Hint(setting.Name.Text, names)}");
                    continue;
                }
                var scope = NeuronScope(type, VariableSide.Self, _globalScope, without: member.Symbol);
                var context = new BindingContext(text, scope, flags, $"the value of '{setting.Name.Text}' in population '{syntax.Name.Text}'");
                var value = _binder.Bind(setting.Value, context);
                if (member.Symbol.HasKnownDimension && _binder.CheckDimension(value, text, member.Symbol.Dimension, $"'{setting.Name.Text}'"))
                {
                    overrides.Add(new BoundOverride(member.Symbol, value, new SourceLocation(text, setting.Span)));
                }
            }
        }
        if (size is not { } populationSize || type is null)
        {
            return null;
        }
        CheckDefinitionCycles(type.Parameters.Concat(type.States).Concat(type.Lets),
            overrides.ToDictionary(o => o.Symbol, o => (o.Value, o.Location)), $"population '{syntax.Name.Text}'");
        return new BoundPopulation(syntax.Name.Text, location, type, null, populationSize, overrides.ToImmutable(), layout);
    }

    /// <summary>A constant whole number ≥ 0 (sizes, degrees, counts); null after reporting.</summary>
    private int? BindCount(ExpressionSyntax syntax, SourceText text, string what)
    {
        var context = new BindingContext(text, _globalScope, ContextFlags.None, what);
        if (ConstantQuantity(syntax, context, Dimension.None, what) is not { } value)
        {
            return null;
        }
        if (value < 0)
        {
            _diagnostics.Error(ErrorCode.NegativeSize, text, syntax.Span, $"{what} cannot be negative (it is {Format.G(value)})");
            return null;
        }
        if (value != Math.Floor(value) || value > int.MaxValue)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Span, $"{what} must be a whole number below 2^31 (it is {Format.G(value)})");
            return null;
        }
        return (int)value;
    }

    private BoundLayout? BindLayout(SettingSyntax setting, SourceText text, int size)
    {
        var location = new SourceLocation(text, setting.Value.Span);
        if (setting.Value is not CallExpressionSyntax call || call.Function.Text is not ("grid" or "random"))
        {
            _diagnostics.Error(ErrorCode.InvalidValue, location, "a layout is grid(nx, ny, nz, spacing = ...) or random(width, height, depth)");
            return null;
        }
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "a layout");
        if (call.Function.Text == "grid")
        {
            var args = ArgumentMatcher.Match(call, new[] { "nx", "ny?", "nz?", "spacing" }, text, _diagnostics);
            if (args is null)
            {
                return null;
            }
            var shape = new List<int>();
            foreach (var axis in new[] { "nx", "ny", "nz" })
            {
                if (args.TryGetValue(axis, out var e))
                {
                    if (BindCount(e, text, $"the grid's {axis}") is not { } count)
                    {
                        return null;
                    }
                    shape.Add(count);
                }
            }
            if (ConstantQuantity(args["spacing"], context, Dimension.Metre, "the grid spacing") is not { } spacing)
            {
                return null;
            }
            long product = shape.Aggregate(1L, (a, b) => a * b);
            if (product != size)
            {
                _diagnostics.Error(ErrorCode.InvalidValue, location, $"the grid has {product} places but the population has {size} neurons");
                return null;
            }
            return new BoundLayout(LayoutKind.Grid, shape.ToImmutableArray(), spacing, ImmutableArray<double>.Empty, location);
        }
        else
        {
            var args = ArgumentMatcher.Match(call, new[] { "width", "height?", "depth?" }, text, _diagnostics);
            if (args is null)
            {
                return null;
            }
            var extent = new List<double>();
            foreach (var axis in new[] { "width", "height", "depth" })
            {
                if (args.TryGetValue(axis, out var e))
                {
                    if (ConstantQuantity(e, context, Dimension.Metre, $"the layout's {axis}") is not { } length)
                    {
                        return null;
                    }
                    extent.Add(length);
                }
            }
            return new BoundLayout(LayoutKind.Random, ImmutableArray<int>.Empty, 0, extent.ToImmutableArray(), location);
        }
    }

    private BoundSpikeTimes? BindSpikeTimes(PopulationSyntax syntax, SourceText text, int? size)
    {
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "a spike generator");
        ImmutableArray<double>? times = null;
        ImmutableArray<int>? indices = null;
        double? period = null;
        bool timesGiven = false;
        bool failed = false; // a setting's value was wrong, and already reported
        foreach (var setting in syntax.Settings.Where(s => s.Name.Text != "layout" && !s.Name.IsMissing))
        {
            switch (setting.Name.Text)
            {
                case "times" when setting.Value is not ListExpressionSyntax && size is > Limits.MaxPerNeuronSpikeTimes:
                    // Every neuron's time is computed and kept while binding, before the memory guard can weigh the model.
                    timesGiven = true;
                    failed = true;
                    _diagnostics.Error(ErrorCode.InvalidValue, text, setting.Value.Span,
                        $"spike times per neuron are computed for at most {Limits.MaxPerNeuronSpikeTimes:N0} neurons; '{syntax.Name.Text}' has {size:N0} (give the times as a list with indices, or use a smaller population)");
                    break;
                case "times" when setting.Value is not ListExpressionSyntax && size is { } count:
                    // One spike per neuron, at a time that may depend on its index i.
                    timesGiven = true;
                    times = PerNeuronTimes(setting.Value, context, count);
                    indices = Enumerable.Range(0, count).ToImmutableArray();
                    failed |= times is null;
                    break;
                case "times":
                    timesGiven = true;
                    times = ConstantTimes(setting.Value, context, TimeUse.Moment("a spike time"));
                    failed |= times is null;
                    break;
                case "indices":
                    indices = ConstantList(setting.Value, context, Dimension.None, "spike indices")?.Select(v => (int)v).ToImmutableArray();
                    failed |= indices is null;
                    break;
                case "period":
                    period = ConstantTime(setting.Value, context, TimeUse.Stretch("the period"));
                    failed |= period is null;
                    break;
                default:
                    _diagnostics.Error(ErrorCode.UnknownSetting, text, setting.Name.Span,
                        $"a spike generator takes times, indices and period, not '{setting.Name.Text}'");
                    break;
            }
        }
        if (times is null)
        {
            if (!timesGiven)
            {
                _diagnostics.Error(ErrorCode.MissingArgument, text, syntax.Name.Span, "a spike generator needs 'times = [...]'");
            }
            return null;
        }
        if (failed)
        {
            return null; // checking the lengths against a failed list would only repeat its error
        }
        indices ??= Enumerable.Repeat(0, times.Value.Length).ToImmutableArray();
        if (indices.Value.Length != times.Value.Length)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Name.Span,
                $"a spike generator needs one index per time: {indices.Value.Length} indices, {times.Value.Length} times");
            return null;
        }
        if (size is { } n && indices.Value.FirstOrDefault(i => i < 0 || i >= n, -1) is var bad && bad != -1)
        {
            _diagnostics.Error(ErrorCode.IndexOutOfRange, text, syntax.Name.Span, $"spike index {bad} is outside the population (size {n})");
            return null;
        }
        if (period is { } p && times.Value.Any(t => t >= p))
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Name.Span,
                $"with a period, every spike time must be shorter than it; the latest is {Format.Seconds(times.Value.Max())}, the period {Format.Seconds(p)}");
            return null;
        }
        return new BoundSpikeTimes(indices.Value, times.Value, period);
    }

    /// <summary><c>times = 200 ms + i * 2 ms</c>: neuron i's one spike time (repeating with the period).</summary>
    private ImmutableArray<double>? PerNeuronTimes(ExpressionSyntax syntax, BindingContext context, int size)
    {
        var bound = _binder.BindWithDimension(syntax, context.With(ContextFlags.NeuronIndex) with { Place = "spike times" }, Dimension.Second, "spike times");
        if (bound.Type.IsError)
        {
            return null;
        }
        var values = ImmutableArray.CreateBuilder<double>(size);
        for (int i = 0; i < size; i++)
        {
            if (!_binder.Constants.TryEvaluateAtIndex(bound, i, out double v))
            {
                _diagnostics.Error(ErrorCode.NotConstant, context.Text, syntax.Span, "spike times must be constants or depend only on the index i");
                return null;
            }
            if (!CheckTime(v, TimeUse.Moment($"neuron {i}'s spike time"), new SourceLocation(context.Text, syntax.Span)))
            {
                return null;
            }
            values.Add(v);
        }
        return values.MoveToImmutable();
    }

    /// <summary>A list of constant times, each checked as its use allows.</summary>
    private ImmutableArray<double>? ConstantTimes(ExpressionSyntax syntax, BindingContext context, TimeUse use)
    {
        if (ConstantList(syntax, context, Dimension.Second, use.What) is not { } times)
        {
            return null;
        }
        for (int k = 0; k < times.Length; k++)
        {
            var span = syntax is ListExpressionSyntax list && k < list.Items.Length ? list.Items[k].Span : syntax.Span;
            if (!CheckTime(times[k], use, new SourceLocation(context.Text, span)))
            {
                return null;
            }
        }
        return times;
    }

    private ImmutableArray<double>? ConstantList(ExpressionSyntax syntax, BindingContext context, Dimension dimension, string what)
    {
        var bound = _binder.Bind(syntax, context);
        if (bound.Type.IsError)
        {
            return null;
        }
        if (bound is not BoundList list)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, context.Text, syntax.Span, $"{what} must be a list [a, b, ...]");
            return null;
        }
        if (list.Items.Length > 0 && list.Type.Dimension != dimension && !list.Items.All(ExpressionBinder.IsBareZero))
        {
            _diagnostics.Error(ErrorCode.UnitMismatch, context.Text, syntax.Span, $"{what} must have unit {dimension}, but these have {list.Type.Dimension}");
            return null;
        }
        var values = ImmutableArray.CreateBuilder<double>();
        foreach (var item in list.Items)
        {
            if (!_binder.Constants.TryEvaluate(item, out double v))
            {
                _diagnostics.Error(ErrorCode.NotConstant, context.Text, item.Span, $"{what} must be constants");
                return null;
            }
            values.Add(v);
        }
        return values.ToImmutable();
    }
}
