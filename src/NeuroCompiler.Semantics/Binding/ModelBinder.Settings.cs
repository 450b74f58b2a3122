using System.Collections.Immutable;
using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Runtime;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// The model block (dt, duration, seed, precision), model-level params, and --set overrides.
internal sealed partial class ModelBinder
{
    private const double DefaultDt = 1e-4;
    private const double DefaultDuration = 1.0;
    private readonly HashSet<string> _usedOverrides = new(StringComparer.Ordinal);

    private static readonly string[] SettingNames = { "dt", "duration", "seed", "precision" };

    private BoundSettings BindSettings(SyntaxTree main)
    {
        var models = main.Root.Declarations.OfType<ModelSyntax>().ToList();
        foreach (var extra in models.Skip(1))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, main.Text, extra.Name.Span, "a file has one model block; this is a second");
        }
        var model = models.FirstOrDefault();
        string name = model is { Name.IsMissing: false } ? model.Name.Text : Path.GetFileNameWithoutExtension(main.Text.FileName);
        var given = new Dictionary<string, (ExpressionSyntax Value, SourceText Text, TextSpan NameSpan)>(StringComparer.Ordinal);
        foreach (var setting in model?.Settings ?? ImmutableArray<SettingSyntax>.Empty)
        {
            if (setting.Name.IsMissing)
            {
                continue;
            }
            if (!SettingNames.Contains(setting.Name.Text))
            {
                _diagnostics.Error(ErrorCode.UnknownSetting, main.Text, setting.Name.Span,
                    $"unknown model setting '{setting.Name.Text}' (settings are {string.Join(", ", SettingNames)}; model parameters are declared with 'param'){_binder.Hints.Hint(setting.Name.Text, SettingNames)}");
                continue;
            }
            if (!given.TryAdd(setting.Name.Text, (setting.Value, main.Text, setting.Name.Span)))
            {
                _diagnostics.Error(ErrorCode.DuplicateMember, main.Text, setting.Name.Span, $"'{setting.Name.Text}' is set twice");
            }
        }
        foreach (var o in _options.Overrides.Where(o => SettingNames.Contains(o.Name)))
        {
            if (ParseOverride(o) is { } value)
            {
                given[o.Name] = (value, o.Text, new TextSpan(0, o.Name.Length));
            }
            _usedOverrides.Add(o.Name);
        }

        var context = new BindingContext(main.Text, _globalScope, ContextFlags.None, "a model setting");
        double dt = DefaultDt;
        SourceLocation? dtLocation = null;
        if (given.TryGetValue("dt", out var dtSyntax))
        {
            dtLocation = new SourceLocation(dtSyntax.Text, dtSyntax.Value.Span);
            if (ConstantQuantity(dtSyntax.Value, context with { Text = dtSyntax.Text }, Dimension.Second, "the time step dt") is { } v)
            {
                if (v <= 0)
                {
                    _diagnostics.Error(ErrorCode.InvalidValue, dtLocation, "the time step dt must be positive");
                }
                else
                {
                    dt = v;
                }
            }
        }
        double? duration = null;
        SourceLocation? durationLocation = null;
        if (given.TryGetValue("duration", out var durationSyntax))
        {
            durationLocation = new SourceLocation(durationSyntax.Text, durationSyntax.Value.Span);
            if (ConstantQuantity(durationSyntax.Value, context with { Text = durationSyntax.Text }, Dimension.Second, "the duration") is { } v)
            {
                if (v < 0)
                {
                    _diagnostics.Error(ErrorCode.InvalidValue, durationLocation, "the duration cannot be negative");
                }
                else
                {
                    duration = v;
                }
            }
        }
        ulong seed = 1;
        if (given.TryGetValue("seed", out var seedSyntax) &&
            ConstantQuantity(seedSyntax.Value, context with { Text = seedSyntax.Text }, Dimension.None, "the seed") is { } s)
        {
            // Below 2^53 every whole number is a double, exactly; a larger literal may round to one that is not too large (2^53 + 1 to 2^53).
            if (s < 0 || s != Math.Floor(s) || s > Limits.MaxSeed)
            {
                _diagnostics.Error(ErrorCode.InvalidValue, seedSyntax.Text, seedSyntax.Value.Span, "the seed must be a whole number from 0 to 2^53 - 1");
            }
            else
            {
                seed = (ulong)s;
            }
        }
        var precision = Precision.Float64;
        if (given.TryGetValue("precision", out var precisionSyntax))
        {
            if (precisionSyntax.Value is NameExpressionSyntax { Name.Text: "float32" or "single" or "float64" or "double" } p)
            {
                precision = p.Name.Text is "float32" or "single" ? Precision.Float32 : Precision.Float64;
            }
            else
            {
                _diagnostics.Error(ErrorCode.InvalidValue, precisionSyntax.Text, precisionSyntax.Value.Span, "precision must be float32 or float64");
            }
        }
        return new BoundSettings(name, dt, duration, seed, precision, dtLocation, durationLocation);
    }

    private ExpressionSyntax? ParseOverride(ParameterOverride o)
    {
        string padded = new string(' ', o.ValueStart) + o.Text.Text[o.ValueStart..];
        var (expression, diagnostics) = SyntaxTree.ParseExpression(SourceText.From(padded, o.Text.FileName));
        // Re-home the diagnostics on the original text so the source line shows NAME=VALUE.
        foreach (var d in diagnostics)
        {
            _diagnostics.Add(d with { Location = d.Location is null ? null : new SourceLocation(o.Text, d.Location.Span) });
        }
        return diagnostics.Any(d => d.IsError) ? null : expression;
    }

    /// <summary>Binds an expression that must be a compile-time constant of the given unit; null after reporting.</summary>
    private double? ConstantQuantity(ExpressionSyntax syntax, BindingContext context, Dimension dimension, string what)
    {
        var bound = _binder.Bind(syntax, context);
        if (!_binder.CheckDimension(bound, context.Text, dimension, what))
        {
            return null;
        }
        if (!_binder.Constants.TryEvaluate(bound, out double value))
        {
            _diagnostics.Error(ErrorCode.NotConstant, context.Text, syntax.Span, $"{what} must be a constant (numbers and model params only)");
            return null;
        }
        return value;
    }

    /// <summary>A time that must be a compile-time constant, checked as its use allows (<see cref="TimeSteps"/>); null after reporting.</summary>
    private double? ConstantTime(ExpressionSyntax syntax, BindingContext context, TimeUse use)
    {
        if (ConstantQuantity(syntax, context, Dimension.Second, use.What) is not { } time)
        {
            return null;
        }
        return CheckTime(time, use, new SourceLocation(context.Text, syntax.Span)) ? time : null;
    }

    /// <summary>Whether a time converts to steps as its use allows; reported at <paramref name="location"/> when not.</summary>
    private bool CheckTime(double time, TimeUse use, SourceLocation? location) =>
        TimeSteps.Check(time, _binder.Constants.Dt, use, _diagnostics, location) is not null;

    private BoundSettings ResolveDuration(BoundSettings settings, BoundProtocol protocol)
    {
        if (protocol.SegmentsDuration is not { } total)
        {
            return CheckRunSteps(settings.Duration is null ? settings with { Duration = DefaultDuration } : settings, protocol);
        }
        if (settings.Duration is { } given && Math.Abs(given - total) > 1e-12 * Math.Max(1, total) && !_usedOverrides.Contains("duration"))
        {
            _diagnostics.Error(ErrorCode.InvalidValue, settings.DurationLocation,
                $"the duration ({Format.Seconds(given)}) differs from the protocol's segments, which add up to {Format.Seconds(total)}; drop one of them");
            return settings;
        }
        return CheckRunSteps(settings with { Duration = settings.Duration ?? total }, protocol);
    }

    /// <summary>
    /// The run has at least one step and at most <see cref="Core.Limits.MaxSteps"/>: a duration shorter than dt
    /// would run nothing and report success, one of 1e30 s would never end. Reported at the duration, else
    /// at the protocol's segments, else at dt (a default duration of 1 s with dt = 10 s).
    /// </summary>
    private BoundSettings CheckRunSteps(BoundSettings settings, BoundProtocol protocol)
    {
        var location = settings.DurationLocation ?? protocol.Segments.LastOrDefault()?.Location ?? settings.DtLocation;
        var run = new TimeUse("the run", 1, Core.Limits.MaxSteps, ErrorCode.RunShorterThanStep);
        CheckTime(settings.Duration!.Value, run, location);
        return settings;
    }

    // ---- model-level params --------------------------------------------------------------

    private readonly List<(VariableSymbol Symbol, GlobalParamSyntax Syntax, SourceText Text)> _globalDeclarations = new();
    private readonly Dictionary<VariableSymbol, BoundGlobalParameter> _boundGlobals = new();
    private LazyBinder? _globalLazy;

    private void DeclareGlobal(GlobalParamSyntax param, SourceText text)
    {
        if (Builtins.Names.Contains(param.Name.Text))
        {
            _diagnostics.Error(ErrorCode.ReservedName, text, param.Name.Span, $"'{param.Name.Text}' is a built-in name and cannot be declared");
            return;
        }
        if (!DeclareInstance(param.Name, text, "param"))
        {
            return;
        }
        var symbol = new VariableSymbol(param.Name.Text, VariableKind.GlobalParameter, VariableOwner.Model, Dimension.None,
            new SourceLocation(text, param.Name.Span)) { HasKnownDimension = false };
        _globalScope.TryDeclare(symbol);
        _globalDeclarations.Add((symbol, param, text));
        _globalLazy ??= new LazyBinder(_diagnostics);
        var lazy = _globalLazy;
        _binder.AddPending(symbol, () => lazy.Run(symbol, () => BindGlobal(symbol, param, text)));
    }

    private bool BindGlobal(VariableSymbol symbol, GlobalParamSyntax param, SourceText text)
    {
        var context = new BindingContext(text, _globalScope, ContextFlags.None, $"the value of param '{symbol.Name}'");
        var bound = _binder.Bind(param.Value, context);
        if (bound.Type.IsError)
        {
            return false;
        }
        if (!bound.Type.IsQuantity)
        {
            _diagnostics.Error(ErrorCode.ExpectedQuantity, text, bound.Span, $"param '{symbol.Name}' must be a quantity, not {bound.Type}");
            return false;
        }
        symbol.Dimension = bound.Type.Dimension;
        symbol.HasKnownDimension = true;
        var valueText = text;
        var o = _options.Overrides.LastOrDefault(o => o.Name == symbol.Name);
        if (o is not null)
        {
            _usedOverrides.Add(o.Name);
            if (ParseOverride(o) is not { } overrideSyntax)
            {
                return false;
            }
            var overrideContext = new BindingContext(o.Text, _globalScope, ContextFlags.None, $"the value of param '{symbol.Name}'");
            var overridden = _binder.Bind(overrideSyntax, overrideContext);
            if (!_binder.CheckDimension(overridden, o.Text, symbol.Dimension, $"--set {symbol.Name}"))
            {
                return false;
            }
            bound = overridden;
            valueText = o.Text;
        }
        if (!_binder.Constants.TryEvaluate(bound, out double value))
        {
            _diagnostics.Error(ErrorCode.NotConstant, valueText, bound.Span, $"param '{symbol.Name}' must be a constant (numbers and other params)");
            return false;
        }
        _binder.Constants.SetValue(symbol, value);
        _boundGlobals[symbol] = new BoundGlobalParameter(symbol, bound, value, valueText);
        return true;
    }

    private ImmutableArray<BoundGlobalParameter> BindGlobals(IEnumerable<SyntaxTree> trees)
    {
        foreach (var (symbol, _, _) in _globalDeclarations)
        {
            _binder.EnsureBound(symbol);
        }
        return _globalDeclarations.Where(g => _boundGlobals.ContainsKey(g.Symbol)).Select(g => _boundGlobals[g.Symbol]).ToImmutableArray();
    }

    private void CheckUnusedOverrides()
    {
        foreach (var o in _options.Overrides.Where(o => !_usedOverrides.Contains(o.Name)))
        {
            var names = _globalDeclarations.Select(g => g.Symbol.Name).Concat(SettingNames).ToList();
            string known = names.Count == 0 ? "" : $" (it can set {string.Join(", ", names)})";
            _diagnostics.Error(ErrorCode.UnknownOverride, o.Text, new TextSpan(0, o.Name.Length),
                $"--set {o.Name}: the model has no param or setting '{o.Name}'{known}{_binder.Hints.Hint(o.Name, names)}");
        }
    }
}
