using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;
using NeuroCompiler.IR.Integration;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Binds the members a neuron type and a synapse type share: params, states, lets, equations and
/// the integration method. Definitions may refer to each other in any order; cycles are reported.
/// </summary>
internal sealed class MemberBinder
{
    private readonly ExpressionBinder _binder;
    private readonly SourceText _text;
    private readonly VariableOwner _owner;
    private readonly LazyBinder _lazy;
    private readonly Dictionary<VariableSymbol, BoundMember> _bound = new();
    private readonly List<(VariableSymbol Symbol, MemberSyntax Syntax)> _declared = new();
    private readonly ContextFlags _valueFlags;

    public MemberBinder(ExpressionBinder binder, SourceText text, Scope scope, VariableOwner owner, ContextFlags valueFlags, string place)
    {
        _binder = binder;
        _text = text;
        _owner = owner;
        _lazy = new LazyBinder(binder.Diagnostics);
        _valueFlags = valueFlags;
        Scope = scope;
        Place = place;
    }

    public Scope Scope { get; }

    public string Place { get; }

    private DiagnosticBag Diagnostics => _binder.Diagnostics;

    /// <summary>The integration methods a type may name: each is a descriptor of the IR's integrator pass.</summary>
    private static IReadOnlyList<string> Methods => IntegrationMethods.Names;

    /// <summary>Declares the params, states and lets, so that every member can see every other.</summary>
    public void Declare(IEnumerable<MemberSyntax> members)
    {
        foreach (var member in members)
        {
            var (name, value, kind) = member switch
            {
                ParamMemberSyntax p => (p.Name, p.Value, VariableKind.Parameter),
                StateMemberSyntax s => (s.Name, s.Value, VariableKind.State),
                LetMemberSyntax l => (l.Name, l.Value, VariableKind.Let),
                _ => (null, null, VariableKind.Builtin),
            };
            if (name is null || name.IsMissing)
            {
                continue;
            }
            BindingContext? valueContext = null;
            if (value is null)
            {
                if (kind != VariableKind.Parameter)
                {
                    continue;
                }
                if (Provided?.Invoke(name.Text) is not { } provided)
                {
                    Diagnostics.Error(ErrorCode.MissingArgument, _text, name.Span, _owner == VariableOwner.Synapse
                        ? $"param '{name.Text}' has no default value, so every projection of this type must give it ({name.Text} = ...)"
                        : $"param '{name.Text}' needs a value: param {name.Text} = ...");
                    continue;
                }
                (value, valueContext) = provided;
            }
            if (Builtins.Names.Contains(name.Text) || Builtins.IsNoiseName(name.Text) || name.Text is "pre" or "post")
            {
                Diagnostics.Error(ErrorCode.ReservedName, _text, name.Span, $"'{name.Text}' is a built-in name and cannot be declared");
                continue;
            }
            var symbol = new VariableSymbol(name.Text, kind, _owner, Dimension.None, new SourceLocation(_text, name.Span)) { HasKnownDimension = false };
            if (!Scope.TryDeclare(symbol))
            {
                var first = Scope.Lookup(name.Text)!.Value.Symbol;
                Diagnostics.Error(ErrorCode.Redefinition, _text, name.Span, $"'{name.Text}' is already defined{At(first.Location)}");
                continue;
            }
            _declared.Add((symbol, member));
            var syntax = value;
            var memberKind = kind;
            var context = valueContext;
            _binder.AddPending(symbol, () => _lazy.Run(symbol, () => BindValue(symbol, syntax, memberKind, context)));
        }
    }

    /// <summary>
    /// For a param declared without a default (<c>param wmax</c>): the value the place of use gives it
    /// (a projection's setting) and the context to bind it in, or null when it gives none.
    /// </summary>
    public Func<string, (ExpressionSyntax Value, BindingContext Context)?>? Provided { get; init; }

    private bool BindValue(VariableSymbol symbol, ExpressionSyntax value, VariableKind kind, BindingContext? given)
    {
        var flags = kind == VariableKind.Let ? _valueFlags | ContextFlags.Time | ContextFlags.Random : _valueFlags;
        string place = kind switch
        {
            VariableKind.Parameter => $"the value of parameter '{symbol.Name}'",
            VariableKind.State => $"the initial value of '{symbol.Name}'",
            _ => $"the definition of '{symbol.Name}'",
        };
        var bound = _binder.Bind(value, given is null ? new BindingContext(_text, Scope, flags, place) : given with { Place = place });
        if (!bound.Type.IsError && !bound.Type.IsQuantity)
        {
            Diagnostics.Error(ErrorCode.ExpectedQuantity, _text, bound.Span, $"{place} must be a quantity, not {bound.Type}");
            bound = new BoundErrorExpression(bound.Span);
        }
        _bound[symbol] = new BoundMember(symbol, bound);
        if (bound.Type.IsError)
        {
            return false;
        }
        symbol.Dimension = bound.Type.Dimension;
        symbol.HasKnownDimension = true;
        symbol.DimensionlessFromBareZero = kind == VariableKind.State && ExpressionBinder.IsBareZero(bound);
        return true;
    }

    /// <summary>Binds every declared member (those not yet bound by a use) and returns them by kind, in declaration order.</summary>
    public (ImmutableArray<BoundMember> Parameters, ImmutableArray<BoundMember> States, ImmutableArray<BoundMember> Lets) BindAll()
    {
        foreach (var (symbol, _) in _declared)
        {
            _binder.EnsureBound(symbol);
        }
        ImmutableArray<BoundMember> Of(VariableKind kind) =>
            _declared.Where(d => d.Symbol.Kind == kind && _bound.ContainsKey(d.Symbol)).Select(d => _bound[d.Symbol]).ToImmutableArray();
        return (Of(VariableKind.Parameter), Of(VariableKind.State), Of(VariableKind.Let));
    }

    public ImmutableArray<BoundOde> BindOdes(IEnumerable<OdeMemberSyntax> odes)
    {
        var result = ImmutableArray.CreateBuilder<BoundOde>();
        var seen = new Dictionary<VariableSymbol, OdeMemberSyntax>();
        foreach (var ode in odes)
        {
            if (ode.Derivative.IsMissing || ode.Time.IsMissing)
            {
                continue;
            }
            if (ode.Time.Text != "dt" || !ode.Derivative.Text.StartsWith('d') || ode.Derivative.Text.Length < 2)
            {
                Diagnostics.Error(ErrorCode.SyntaxError, _text, TextSpan.FromBounds(ode.Derivative.Span.Start, ode.Time.Span.End),
                    $"a differential equation is written dX/dt = ..., not '{ode.Derivative.Text}/{ode.Time.Text}'");
                continue;
            }
            var stateName = ode.StateName;
            var entry = Scope.Lookup(stateName.Text);
            if (entry is not { Symbol.Kind: VariableKind.State } || entry.Value.Symbol.Owner != _owner)
            {
                string why = entry is null ? "there is no such state" : $"'{stateName.Text}' is not a state of this type";
                Diagnostics.Error(ErrorCode.OdeForUnknownState, _text, stateName.Span,
                    $"cannot define d{stateName.Text}/dt: {why}; declare it with 'state {stateName.Text} = <initial value>'");
                continue;
            }
            var state = entry.Value.Symbol;
            if (seen.ContainsKey(state))
            {
                Diagnostics.Error(ErrorCode.DuplicateMember, _text, ode.Derivative.Span, $"d{state.Name}/dt is defined twice");
                continue;
            }
            seen[state] = ode;
            var context = new BindingContext(_text, Scope, _valueFlags | ContextFlags.Time | ContextFlags.Random | ContextFlags.Noise,
                $"the equation for d{state.Name}/dt");
            var rhs = _binder.Bind(ode.Rhs, context);
            if (_binder.EnsureBound(state) && !rhs.Type.IsError)
            {
                if (state.Dimension.Second2 < sbyte.MinValue + 2)
                {
                    // Dividing by a second would overflow the exponent (and throw).
                    Diagnostics.Error(ErrorCode.UnitMismatch, _text, ode.Derivative.Span,
                        $"the unit of '{state.Name}' ({state.Dimension}) has an exponent too large for its derivative");
                    continue;
                }
                var expected = state.Dimension / Dimension.Second;
                if (!rhs.Type.IsQuantity)
                {
                    Diagnostics.Error(ErrorCode.ExpectedQuantity, _text, rhs.Span, $"the right-hand side of d{state.Name}/dt must be a quantity, not {rhs.Type}");
                    continue;
                }
                if (rhs.Type.Dimension != expected && !ExpressionBinder.IsBareZero(rhs))
                {
                    string hint = state.DimensionlessFromBareZero && rhs.Type.Dimension.Second2 <= sbyte.MaxValue - 2
                        ? ExpressionBinder.BareZeroHint(rhs.Type.Dimension * Dimension.Second, state)
                        : "";
                    Diagnostics.Error(ErrorCode.OdeUnitMismatch, _text, rhs.Span,
                        $"d{state.Name}/dt must have unit {expected} ('{state.Name}' is in {Fmt(state.Dimension)}, per second), but the right-hand side has unit {Fmt(rhs.Type.Dimension)}{hint}");
                    continue;
                }
            }
            if (!rhs.Type.IsError && EventDriven(ode) is { } eventDriven)
            {
                result.Add(new BoundOde(state, rhs, ode.Span, eventDriven));
            }
        }
        return result.ToImmutable();
    }

    /// <summary>Whether an equation is flagged <c>: event_driven</c> (or <c>: clock_driven</c>, the default); null after an error.</summary>
    private bool? EventDriven(OdeMemberSyntax ode)
    {
        if (ode.Flag is not { IsMissing: false } flag)
        {
            return ode.Flag is null ? false : null;
        }
        if (flag.Text is not ("event_driven" or "clock_driven"))
        {
            Diagnostics.Error(ErrorCode.UnknownEquationFlag, _text, flag.Span,
                $"unknown flag '{flag.Text}' for an equation (known: event_driven, clock_driven){_binder.Hints.Hint(flag.Text, new[] { "event_driven", "clock_driven" })}");
            return null;
        }
        if (flag.Text == "event_driven" && _owner != VariableOwner.Synapse)
        {
            Diagnostics.Error(ErrorCode.MemberNotAllowedHere, _text, flag.Span,
                "only a synapse's equations can be event-driven (solved between the synapse's events)");
            return null;
        }
        return flag.Text == "event_driven";
    }

    private static string Fmt(Dimension d) => d.IsDimensionless ? "1 (dimensionless)" : d.ToString();

    public (string? Method, SourceLocation? Location) BindMethod(IEnumerable<MethodMemberSyntax> methods)
    {
        string? method = null;
        SourceLocation? location = null;
        foreach (var m in methods)
        {
            if (m.Method.IsMissing)
            {
                continue;
            }
            if (method is not null)
            {
                Diagnostics.Error(ErrorCode.DuplicateMember, _text, m.Span, "the integration method is given twice");
                continue;
            }
            if (!Methods.Contains(m.Method.Text))
            {
                Diagnostics.Error(ErrorCode.UnknownIntegrationMethod, _text, m.Method.Span,
                    $"unknown integration method '{m.Method.Text}' (known: {string.Join(", ", Methods)}){_binder.Hints.Hint(m.Method.Text, Methods)}");
                continue;
            }
            method = m.Method.Text;
            location = new SourceLocation(_text, m.Method.Span);
        }
        return (method, location);
    }

    private static string At(SourceLocation? location) => location is null ? "" : $" (at {location})";
}
