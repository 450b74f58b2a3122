using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Time;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// The protocol: segments in sequence and events at absolute times.
internal sealed partial class ModelBinder
{
    private BoundProtocol BindProtocol(SyntaxTree main, BoundSettings settings)
    {
        var protocols = main.Root.Declarations.OfType<ProtocolSyntax>().ToList();
        foreach (var extra in protocols.Skip(1))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, main.Text, extra.Span, "a model has one protocol; this is a second");
        }
        if (protocols.Count == 0)
        {
            return BoundProtocol.Empty;
        }
        var text = main.Text;
        var context = new BindingContext(text, _globalScope, ContextFlags.None, "the protocol");
        var segments = ImmutableArray.CreateBuilder<BoundSegment>();
        var events = ImmutableArray.CreateBuilder<BoundProtocolEvent>();
        double clock = 0;
        var segmentNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in protocols[0].Items)
        {
            switch (item)
            {
                case SegmentSyntax segment:
                    {
                        if (!segment.Name.IsMissing && !segmentNames.Add(segment.Name.Text))
                        {
                            _diagnostics.Error(ErrorCode.Redefinition, text, segment.Name.Span, $"segment '{segment.Name.Text}' is already defined");
                        }
                        if (ConstantTime(segment.Duration, context, TimeUse.Stretch("a segment's duration")) is not { } duration)
                        {
                            continue;
                        }
                        segments.Add(new BoundSegment(segment.Name.Text, clock, duration, new SourceLocation(text, segment.Name.Span)));
                        foreach (var action in segment.Actions)
                        {
                            if (BindAction(action, text, context, out _) is { } bound)
                            {
                                // Segment actions hold for the segment; a kick is instantaneous.
                                events.Add(new BoundProtocolEvent(clock, bound is BoundKickAction ? null : clock + duration, bound));
                            }
                        }
                        clock += duration;
                        break;
                    }
                case AtSyntax at:
                    {
                        if (ConstantTime(at.Time, context, TimeUse.Moment("an event's time")) is not { } time)
                        {
                            continue;
                        }
                        foreach (var action in at.Actions)
                        {
                            if (BindAction(action, text, context, out double? forDuration) is { } bound &&
                                (forDuration is not { } d || CheckTime(time + d, TimeUse.Moment("the end of this action"), new SourceLocation(text, action.Span))))
                            {
                                events.Add(new BoundProtocolEvent(time, forDuration is { } end ? time + end : null, bound));
                            }
                        }
                        break;
                    }
            }
        }
        var ordered = events.OrderBy(e => e.Time).ToImmutableArray(); // stable: same-time events keep their written order
        return new BoundProtocol(segments.ToImmutable(), ordered);
    }

    private BoundAction? BindAction(ActionSyntax action, SourceText text, BindingContext context, out double? forDuration)
    {
        forDuration = null;
        var location = new SourceLocation(text, action.Span);
        switch (action)
        {
            case SetActionSyntax set:
                {
                    if (set.Duration is { } d)
                    {
                        forDuration = ConstantTime(d, context, TimeUse.Stretch("the duration"));
                        if (forDuration is null)
                        {
                            return null;
                        }
                    }
                    if (BindActionTarget(set.Target, text) is not { } target)
                    {
                        return null;
                    }
                    var dimension = target switch
                    {
                        GlobalTarget g => g.Parameter.Dimension,
                        PopulationVariableTarget p => p.Target.Variable.Dimension,
                        _ => Dimension.Hertz,
                    };
                    if (ConstantQuantity(set.Value, context, dimension, "the new value") is not { } value)
                    {
                        return null;
                    }
                    return new BoundSetAction(target, value, location);
                }
            case SilenceActionSyntax silence:
                {
                    if (silence.Duration is { } d)
                    {
                        forDuration = ConstantTime(d, context, TimeUse.Stretch("the duration"));
                        if (forDuration is null)
                        {
                            return null;
                        }
                    }
                    return BindSlice(silence.Population, text) is { } slice ? new BoundSilenceAction(slice, location) : null;
                }
            case KickActionSyntax kick when kick.Target is { Member: null, Owner.Slice: null } &&
                                            _globalScope.Lookup(kick.Target.Owner.Name.Text) is { Symbol: { Kind: VariableKind.Signal } signal }:
                {
                    if (!signal.HasKnownDimension)
                    {
                        return null;
                    }
                    bool scales = kick.Operator is AssignmentOperator.MultiplyAssign or AssignmentOperator.DivideAssign;
                    if (ConstantQuantity(kick.Value, context, scales ? Dimension.None : signal.Dimension, "the change") is not { } value)
                    {
                        return null;
                    }
                    return new BoundSignalKickAction(signal, kick.Operator, value, location);
                }
            case KickActionSyntax kick:
                {
                    if (BindTarget(kick.Target, text, VariableKind.State, "only states can be changed at an instant; set a parameter with 'set'") is not { } target)
                    {
                        return null;
                    }
                    bool scales = kick.Operator is AssignmentOperator.MultiplyAssign or AssignmentOperator.DivideAssign;
                    if (ConstantQuantity(kick.Value, context, scales ? Dimension.None : target.Variable.Dimension, "the change") is not { } value)
                    {
                        return null;
                    }
                    return new BoundKickAction(target, kick.Operator, value, location);
                }
            default:
                return null;
        }
    }

    private BoundActionTarget? BindActionTarget(VariableRefSyntax syntax, SourceText text)
    {
        var location = new SourceLocation(text, syntax.Span);
        string owner = syntax.Owner.Name.Text;
        if (syntax.Member is null && syntax.Owner.Slice is null)
        {
            if (_globalScope.Lookup(owner) is { Symbol: { Kind: VariableKind.GlobalParameter } symbol })
            {
                return symbol.HasKnownDimension ? new GlobalTarget(symbol, location) : null;
            }
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Span,
                $"unknown model param '{owner}' (to change a population's variable write {owner}.NAME){_binder.Hints.Hint(owner, _globalScope.VisibleNames())}");
            return null;
        }
        if (syntax.Member is not null && _stimuli.TryGetValue(owner, out var stimulus))
        {
            if (stimulus is BoundPoissonInput poisson && syntax.Member.Text == "rate")
            {
                return new StimulusRateTarget(poisson, location);
            }
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Member.Span, $"stimulus '{owner}' has no setting '{syntax.Member.Text}' that a protocol can change (a Poisson input's rate can be)");
            return null;
        }
        return BindTarget(syntax, text, VariableKind.Parameter, "'set' changes parameters; change a state with +=, -=, *= or /=") is { } target
            ? new PopulationVariableTarget(target)
            : null;
    }
}
