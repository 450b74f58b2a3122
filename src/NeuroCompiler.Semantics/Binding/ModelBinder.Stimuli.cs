using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Stimuli: Poisson input added to a state, and currents (constant, step, table) added to a parameter.
internal sealed partial class ModelBinder
{
    private static readonly string[] StimulusKinds = { "poisson_input", "constant", "step", "table" };

    private ImmutableArray<BoundStimulus> BindStimuli(SyntaxTree main)
    {
        var result = ImmutableArray.CreateBuilder<BoundStimulus>();
        foreach (var syntax in main.Root.Declarations.OfType<StimulusSyntax>())
        {
            bool declared = DeclareInstance(syntax.Name, main.Text, "name");
            if (BindStimulus(syntax, main.Text) is { } stimulus && declared)
            {
                _stimuli[stimulus.Name] = stimulus;
                result.Add(stimulus);
            }
        }
        return result.ToImmutable();
    }

    private BoundStimulus? BindStimulus(StimulusSyntax syntax, SourceText text)
    {
        var location = new SourceLocation(text, syntax.Name.Span);
        foreach (var setting in syntax.Settings)
        {
            _diagnostics.Error(ErrorCode.UnknownSetting, text, setting.Name.Span, "a stimulus takes its settings as arguments, e.g. poisson_input(n = 100, rate = 5 Hz, weight = 0.1 mV)");
        }
        string kind = syntax.Source.Function.Text;
        if (syntax.Source.Function.IsMissing)
        {
            return null;
        }
        if (!StimulusKinds.Contains(kind))
        {
            _diagnostics.Error(ErrorCode.UnknownStimulusKind, text, syntax.Source.Function.Span,
                $"unknown stimulus '{kind}' (known: {string.Join(", ", StimulusKinds)}){_binder.Hints.Hint(kind, StimulusKinds)}");
            return null;
        }
        bool toState = kind == "poisson_input";
        var targets = ImmutableArray.CreateBuilder<BoundTarget>();
        foreach (var targetSyntax in syntax.Targets)
        {
            if (BindTarget(targetSyntax, text, toState ? VariableKind.State : VariableKind.Parameter,
                    toState ? "Poisson input is added to a state variable" : "a current is added to a parameter (e.g. I)") is { } target)
            {
                targets.Add(target);
            }
        }
        if (targets.Count != syntax.Targets.Length || targets.Count == 0)
        {
            return null;
        }
        var dimension = targets[0].Variable.Dimension;
        foreach (var other in targets.Skip(1).Where(t => t.Variable.Dimension != dimension))
        {
            _diagnostics.Error(ErrorCode.UnitMismatch, other.Location, $"all targets of a stimulus need one unit: this is {other.Variable.Dimension}, the first is {dimension}");
            return null;
        }
        var context = new BindingContext(text, _globalScope, ContextFlags.None, $"stimulus '{syntax.Name.Text}'");
        return kind == "poisson_input"
            ? BindPoissonInput(syntax, text, location, targets.ToImmutable(), context, dimension)
            : BindCurrent(syntax, text, kind, location, targets.ToImmutable(), context, dimension);
    }

    private BoundPoissonInput? BindPoissonInput(StimulusSyntax syntax, SourceText text, SourceLocation location,
        ImmutableArray<BoundTarget> targets, BindingContext context, Dimension dimension)
    {
        var args = ArgumentMatcher.Match(syntax.Source, new[] { "n", "rate", "weight" }, text, _diagnostics);
        if (args is null)
        {
            return null;
        }
        int? n = BindCount(args["n"], text, "the number of Poisson sources");
        var rate = _binder.Bind(args["rate"], context);
        bool rateOk = _binder.CheckDimension(rate, text, Dimension.Hertz, "the rate");
        var weight = _binder.Bind(args["weight"], context);
        bool weightOk = _binder.CheckDimension(weight, text, dimension, $"the weight (added to '{targets[0].Variable.Name}')");
        if (n is not { } count || !rateOk || !weightOk)
        {
            return null;
        }
        if (!_binder.Constants.TryEvaluate(rate, out double r) || !_binder.Constants.TryEvaluate(weight, out _))
        {
            _diagnostics.Error(ErrorCode.NotConstant, text, syntax.Source.Span, "the rate and weight of a Poisson input must be constants (numbers and model params)");
            return null;
        }
        if (r < 0 || r * _binder.Constants.Dt > 1)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, args["rate"].Span,
                $"a Poisson rate must be between 0 and 1/dt = {Format.G(1 / _binder.Constants.Dt)} Hz (it is {Format.G(r)} Hz)");
            return null;
        }
        return new BoundPoissonInput(syntax.Name.Text, location, targets, count, rate, weight);
    }

    private BoundCurrentInjection? BindCurrent(StimulusSyntax syntax, SourceText text, string kind, SourceLocation location,
        ImmutableArray<BoundTarget> targets, BindingContext context, Dimension dimension)
    {
        string what = $"the amplitude (added to '{targets[0].Variable.Name}')";
        switch (kind)
        {
            case "constant":
                {
                    var args = ArgumentMatcher.Match(syntax.Source, new[] { "amplitude" }, text, _diagnostics);
                    if (args is null || ConstantQuantity(args["amplitude"], context, dimension, what) is not { } amplitude)
                    {
                        return null;
                    }
                    return new BoundCurrentInjection(syntax.Name.Text, location, targets, WaveformKind.Constant,
                        ImmutableArray.Create(0.0), ImmutableArray.Create(amplitude), dimension);
                }
            case "step":
                {
                    var args = ArgumentMatcher.Match(syntax.Source, new[] { "start", "stop", "amplitude" }, text, _diagnostics);
                    if (args is null)
                    {
                        return null;
                    }
                    var start = ConstantTime(args["start"], context, TimeUse.Moment("the start"));
                    var stop = ConstantTime(args["stop"], context, TimeUse.Moment("the stop"));
                    var amplitude = ConstantQuantity(args["amplitude"], context, dimension, what);
                    if (start is not { } on || stop is not { } off || amplitude is not { } a)
                    {
                        return null;
                    }
                    if (off < on)
                    {
                        _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Source.Span, "a step needs 0 <= start <= stop");
                        return null;
                    }
                    return new BoundCurrentInjection(syntax.Name.Text, location, targets, WaveformKind.Step,
                        ImmutableArray.Create(on, off), ImmutableArray.Create(a, 0.0), dimension);
                }
            default:
                {
                    var args = ArgumentMatcher.Match(syntax.Source, new[] { "values", "dt?", "times?" }, text, _diagnostics);
                    if (args is null || ConstantList(args["values"], context, dimension, "the table's values") is not { } values)
                    {
                        return null;
                    }
                    ImmutableArray<double> times;
                    if (args.TryGetValue("times", out var timesSyntax) == args.ContainsKey("dt"))
                    {
                        _diagnostics.Error(ErrorCode.MissingArgument, text, syntax.Source.Span, "a table needs either dt (equal steps) or times (one per value)");
                        return null;
                    }
                    if (timesSyntax is not null)
                    {
                        if (ConstantTimes(timesSyntax, context, TimeUse.Moment("a table's time")) is not { } t)
                        {
                            return null;
                        }
                        times = t;
                    }
                    else
                    {
                        if (ConstantTime(args["dt"], context, TimeUse.Stretch("the table's dt")) is not { } step ||
                            !CheckTime((values.Length - 1) * step, TimeUse.Moment("the table's last time"), new SourceLocation(text, args["dt"].Span)))
                        {
                            return null;
                        }
                        times = Enumerable.Range(0, values.Length).Select(i => i * step).ToImmutableArray();
                    }
                    if (times.Length != values.Length || values.Length == 0)
                    {
                        _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Source.Span, $"a table needs one time per value and at least one value ({times.Length} times, {values.Length} values)");
                        return null;
                    }
                    for (int i = 1; i < times.Length; i++)
                    {
                        if (times[i] <= times[i - 1])
                        {
                            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Source.Span, "a table's times must increase");
                            return null;
                        }
                    }
                    return new BoundCurrentInjection(syntax.Name.Text, location, targets, WaveformKind.Table, times, values, dimension);
                }
        }
    }

    /// <summary>Resolves <c>E[0:10].v</c> to a slice and one of its type's variables of the wanted kind.</summary>
    private BoundTarget? BindTarget(VariableRefSyntax syntax, SourceText text, VariableKind? kind, string why)
    {
        if (syntax.Member is null)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Span, $"expected a population's variable, e.g. {syntax.Owner.Name.Text}.v");
            return null;
        }
        if (BindSlice(syntax.Owner, text) is not { } slice || syntax.Member.IsMissing)
        {
            return null;
        }
        var type = slice.Population.Type;
        if (type is null)
        {
            _diagnostics.Error(ErrorCode.InvalidValue, text, syntax.Span, $"'{slice.Population.Name}' is a spike generator and has no variables");
            return null;
        }
        var member = type.FindParameter(syntax.Member.Text) ?? type.FindState(syntax.Member.Text);
        if (member is null)
        {
            var names = type.Parameters.Concat(type.States).Select(m => m.Symbol.Name);
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Member.Span,
                $"neuron type '{type.Name}' has no variable '{syntax.Member.Text}'{_binder.Hints.Hint(syntax.Member.Text, names)}");
            return null;
        }
        if (kind is { } k && member.Symbol.Kind != k)
        {
            _diagnostics.Error(ErrorCode.NotAssignable, text, syntax.Member.Span, $"'{syntax.Member.Text}' is a {(member.Symbol.Kind == VariableKind.State ? "state" : "parameter")}: {why}");
            return null;
        }
        if (!member.Symbol.HasKnownDimension)
        {
            return null;
        }
        return new BoundTarget(slice, member.Symbol, new SourceLocation(text, syntax.Span));
    }
}
