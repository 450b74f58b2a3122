using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Model-level states (signals such as a neuromodulator) and their equations. Every neuron and
// synapse can read them; the protocol can change them with kicks.
internal sealed partial class ModelBinder
{
    private readonly List<(VariableSymbol Symbol, StateMemberSyntax Syntax, SourceText Text)> _signalDeclarations = new();
    private readonly List<(OdeMemberSyntax Ode, SourceText Text)> _signalOdes = new();
    private readonly Dictionary<VariableSymbol, double> _signalInitial = new();

    private void DeclareSignals(SignalsSyntax signals, SourceText text)
    {
        foreach (var member in signals.Members)
        {
            switch (member)
            {
                case StateMemberSyntax state when !state.Name.IsMissing:
                    DeclareSignal(state, text);
                    break;
                case OdeMemberSyntax ode:
                    _signalOdes.Add((ode, text));
                    break;
                case StateMemberSyntax:
                    break;
                default:
                    _diagnostics.Error(ErrorCode.MemberNotAllowedHere, text, member.Span,
                        "a signals block holds states and their equations; declare model params with 'param' at the top level");
                    break;
            }
        }
    }

    private void DeclareSignal(StateMemberSyntax state, SourceText text)
    {
        if (Builtins.Names.Contains(state.Name.Text) || Builtins.IsNoiseName(state.Name.Text))
        {
            _diagnostics.Error(ErrorCode.ReservedName, text, state.Name.Span, $"'{state.Name.Text}' is a built-in name and cannot be declared");
            return;
        }
        if (!DeclareInstance(state.Name, text, "name"))
        {
            return;
        }
        var symbol = new VariableSymbol(state.Name.Text, VariableKind.Signal, VariableOwner.Model, Dimension.None,
            new SourceLocation(text, state.Name.Span)) { HasKnownDimension = false };
        _globalScope.TryDeclare(symbol);
        _signalDeclarations.Add((symbol, state, text));
        _globalLazy ??= new LazyBinder(_diagnostics);
        var lazy = _globalLazy;
        _binder.AddPending(symbol, () => lazy.Run(symbol, () => BindSignalValue(symbol, state, text)));
    }

    private bool BindSignalValue(VariableSymbol symbol, StateMemberSyntax state, SourceText text)
    {
        var context = new BindingContext(text, _globalScope, ContextFlags.None, $"the initial value of '{symbol.Name}'");
        var bound = _binder.Bind(state.Value, context);
        if (bound.Type.IsError)
        {
            return false;
        }
        if (!bound.Type.IsQuantity)
        {
            _diagnostics.Error(ErrorCode.ExpectedQuantity, text, bound.Span, $"state '{symbol.Name}' must be a quantity, not {bound.Type}");
            return false;
        }
        if (!_binder.Constants.TryEvaluate(bound, out double value))
        {
            _diagnostics.Error(ErrorCode.NotConstant, text, bound.Span, $"the initial value of '{symbol.Name}' must be a constant (numbers and params)");
            return false;
        }
        symbol.Dimension = bound.Type.Dimension;
        symbol.HasKnownDimension = true;
        _signalInitial[symbol] = value;
        return true;
    }

    private ImmutableArray<BoundSignal> BindSignals()
    {
        foreach (var (symbol, _, _) in _signalDeclarations)
        {
            _binder.EnsureBound(symbol);
        }
        var odes = new Dictionary<VariableSymbol, BoundOde>();
        foreach (var (ode, text) in _signalOdes)
        {
            if (BindSignalOde(ode, text, odes) is { } bound)
            {
                odes[bound.State] = bound;
            }
        }
        return _signalDeclarations.Where(s => _signalInitial.ContainsKey(s.Symbol))
            .Select(s => new BoundSignal(s.Symbol, _signalInitial[s.Symbol], odes.GetValueOrDefault(s.Symbol)))
            .ToImmutableArray();
    }

    private BoundOde? BindSignalOde(OdeMemberSyntax ode, SourceText text, Dictionary<VariableSymbol, BoundOde> existing)
    {
        if (ode.Derivative.IsMissing || ode.Time.IsMissing)
        {
            return null;
        }
        if (ode.Time.Text != "dt" || !ode.Derivative.Text.StartsWith('d') || ode.Derivative.Text.Length < 2)
        {
            _diagnostics.Error(ErrorCode.SyntaxError, text, TextSpan.FromBounds(ode.Derivative.Span.Start, ode.Time.Span.End),
                $"a differential equation is written dX/dt = ..., not '{ode.Derivative.Text}/{ode.Time.Text}'");
            return null;
        }
        if (ode.Flag is { IsMissing: false } flag && flag.Text != "clock_driven")
        {
            _diagnostics.Error(ErrorCode.MemberNotAllowedHere, text, flag.Span, "a model-level state's equation is stepped on the clock; only a synapse's can be event-driven");
        }
        var name = ode.StateName;
        if (_globalScope.Lookup(name.Text) is not { Symbol: { Kind: VariableKind.Signal } signal })
        {
            _diagnostics.Error(ErrorCode.OdeForUnknownState, text, name.Span,
                $"cannot define d{name.Text}/dt: there is no signal '{name.Text}'; declare it in the block with 'state {name.Text} = <initial value>'");
            return null;
        }
        if (existing.ContainsKey(signal))
        {
            _diagnostics.Error(ErrorCode.DuplicateMember, text, ode.Derivative.Span, $"d{signal.Name}/dt is defined twice");
            return null;
        }
        var context = new BindingContext(text, _globalScope, ContextFlags.Time | ContextFlags.Random | ContextFlags.Noise,
            $"the equation for d{signal.Name}/dt");
        var rhs = _binder.Bind(ode.Rhs, context);
        if (rhs.Type.IsError || !signal.HasKnownDimension ||
            !_binder.CheckDimension(rhs, text, signal.Dimension / Dimension.Second, $"d{signal.Name}/dt"))
        {
            return null;
        }
        return new BoundOde(signal, rhs, ode.Span);
    }
}
