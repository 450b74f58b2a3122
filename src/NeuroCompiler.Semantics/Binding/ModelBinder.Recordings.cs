using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Recordings: spikes, population rates, and traces of variables.
internal sealed partial class ModelBinder
{
    private ImmutableArray<BoundRecording> BindRecordings(SyntaxTree main, BoundSettings settings, ImmutableArray<BoundProjection> projections)
    {
        var text = main.Text;
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "a recording");
        var result = ImmutableArray.CreateBuilder<BoundRecording>();
        var failedProjections = main.Root.Declarations.OfType<ProjectionSyntax>().Select(p => p.Name.Text)
            .Where(name => projections.All(p => p.Name != name)).ToHashSet(StringComparer.Ordinal);
        foreach (var declaration in main.Root.Declarations)
        {
            switch (declaration)
            {
                case RecordGroupSyntax group:
                    {
                        if (group.Kind.Text is not ("spikes" or "rate"))
                        {
                            if (!group.Kind.IsMissing)
                            {
                                _diagnostics.Error(ErrorCode.UnknownRecordingKind, text, group.Kind.Span,
                                    $"unknown recording '{group.Kind.Text}': write 'record spikes POP', 'record rate POP' or 'record POP.VARIABLE'");
                            }
                            continue;
                        }
                        double bin = settings.Dt;
                        if (group.Every is { } every)
                        {
                            if (group.Kind.Text == "spikes")
                            {
                                _diagnostics.Error(ErrorCode.InvalidValue, text, every.Span, "spikes are recorded at every step; 'every' applies to rates and traces");
                            }
                            else if (Interval(every, context, "a rate's bin") is { } b)
                            {
                                bin = b;
                            }
                        }
                        foreach (var population in group.Populations)
                        {
                            if (BindSlice(population, text) is not { } slice)
                            {
                                continue;
                            }
                            var location = new SourceLocation(text, population.Span);
                            result.Add(group.Kind.Text == "spikes"
                                ? new BoundSpikeRecording(slice, location)
                                : new BoundRateRecording(slice, bin, location));
                        }
                        break;
                    }
                case RecordTraceSyntax trace:
                    {
                        double interval = settings.Dt;
                        if (trace.Every is { } every && Interval(every, context, "a recording interval") is { } i)
                        {
                            interval = i;
                        }
                        foreach (var variable in trace.Variables)
                        {
                            if (variable is { Member: null, Owner.Slice: null } &&
                                _globalScope.Lookup(variable.Owner.Name.Text) is { Symbol: { Kind: VariableKind.Signal } signal })
                            {
                                if (signal.HasKnownDimension)
                                {
                                    result.Add(new BoundSignalRecording(signal, interval, new SourceLocation(text, variable.Span)));
                                }
                                continue;
                            }
                            if (variable.Member is not null && failedProjections.Contains(variable.Owner.Name.Text))
                            {
                                continue; // the projection's own errors are reported where it is declared
                            }
                            if (variable.Member is not null && projections.FirstOrDefault(p => p.Name == variable.Owner.Name.Text) is { } projection)
                            {
                                if (BindSynapseTrace(variable, projection, interval, text) is { } synapseTrace)
                                {
                                    result.Add(synapseTrace);
                                }
                                continue;
                            }
                            if (BindTraceTarget(variable, text) is { } target)
                            {
                                result.Add(new BoundTraceRecording(target.Slice, target.Variable, interval, target.Location));
                            }
                        }
                        break;
                    }
            }
        }
        return WithoutConflicts(result.ToImmutable());
    }

    private BoundTarget? BindTraceTarget(VariableRefSyntax syntax, SourceText text)
    {
        if (syntax.Member is not null && syntax.Owner.Slice is null && !_populationNames.Contains(syntax.Owner.Name.Text) &&
            _populationNames.Count > 0)
        {
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Owner.Name.Span,
                $"unknown population or projection '{syntax.Owner.Name.Text}'{_binder.Hints.Hint(syntax.Owner.Name.Text, _populationNames.Concat(_instanceNames.Keys))}");
            return null;
        }
        if (syntax.Member is null && syntax.Owner.Slice is null && syntax.Owner.Name.Text is "spikes" or "rate")
        {
            // `record spikes` with the population left out parses as a trace of a variable named spikes.
            _diagnostics.Error(ErrorCode.UnknownRecordingKind, text, syntax.Span,
                $"'record {syntax.Owner.Name.Text}' needs a population: write 'record {syntax.Owner.Name.Text} POP'");
            return null;
        }
        if (syntax.Member is null)
        {
            _diagnostics.Error(ErrorCode.UnknownRecordingKind, text, syntax.Span,
                $"write 'record spikes {syntax.Owner.Name.Text}', 'record rate {syntax.Owner.Name.Text}' or 'record {syntax.Owner.Name.Text}.VARIABLE'");
            return null;
        }
        if (BindSlice(syntax.Owner, text) is not { } slice || syntax.Member.IsMissing)
        {
            return null;
        }
        var type = slice.Population.Type;
        var member = type?.FindState(syntax.Member.Text) ?? type?.FindParameter(syntax.Member.Text) ??
            type?.Lets.FirstOrDefault(l => l.Symbol.Name == syntax.Member.Text);
        if (member is null)
        {
            var names = type is null ? Array.Empty<string>() : type.States.Concat(type.Parameters).Concat(type.Lets).Select(m => m.Symbol.Name).ToArray();
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Member.Span,
                $"'{slice.Population.Name}' has no variable '{syntax.Member.Text}' to record{_binder.Hints.Hint(syntax.Member.Text, names)}");
            return null;
        }
        return member.Symbol.HasKnownDimension ? new BoundTarget(slice, member.Symbol, new SourceLocation(text, syntax.Span)) : null;
    }

    /// <summary><c>record ee.w</c> or <c>record ee[0:100].w</c>: a synapse variable, by synapse rank.</summary>
    private BoundSynapseTraceRecording? BindSynapseTrace(VariableRefSyntax syntax, BoundProjection projection, double interval, SourceText text)
    {
        if (syntax.Member!.IsMissing)
        {
            return null;
        }
        var synapse = projection.Synapse;
        var member = synapse.States.Concat(synapse.Parameters).FirstOrDefault(m => m.Symbol.Name == syntax.Member.Text);
        if (member is null)
        {
            var names = synapse.States.Concat(synapse.Parameters).Select(m => m.Symbol.Name).ToArray();
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Member.Span,
                $"the synapses of '{projection.Name}' have no param or state '{syntax.Member.Text}' to record{_binder.Hints.Hint(syntax.Member.Text, names)}");
            return null;
        }
        int start = 0;
        int? stop = null;
        if (syntax.Owner.Slice is { } slice)
        {
            if (slice.Start is { } a)
            {
                if (BindCount(a, text, "a synapse index") is not { } s)
                {
                    return null;
                }
                start = s;
            }
            if (!slice.IsRange)
            {
                stop = start + 1;
            }
            else if (slice.Stop is { } b)
            {
                if (BindCount(b, text, "a synapse index") is not { } s)
                {
                    return null;
                }
                if (s <= start)
                {
                    _diagnostics.Error(ErrorCode.EmptyRange, text, slice.Span, $"the slice [{start}:{s}] of '{projection.Name}' is empty");
                    return null;
                }
                stop = s;
            }
        }
        return member.Symbol.HasKnownDimension
            ? new BoundSynapseTraceRecording(projection, start, stop, member.Symbol, interval, new SourceLocation(text, syntax.Span))
            : null;
    }

    private double? Interval(ExpressionSyntax syntax, BindingContext context, string what) =>
        ConstantTime(syntax, context, TimeUse.Interval(what));
}
