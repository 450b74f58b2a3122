using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Binds expressions: resolves names, checks units, and reports each mistake once. An operand that
/// already failed has the error type, and nothing built on it reports again (no cascades).
/// </summary>
internal sealed partial class ExpressionBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<VariableSymbol, Func<bool>> _pending = new();
    private readonly Dictionary<string, VariableSymbol> _noise = new(StringComparer.Ordinal);

    public ExpressionBinder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public DiagnosticBag Diagnostics => _diagnostics;

    /// <summary>The "did you mean" hints of this compilation, within their budget (<see cref="HintBudget"/>).</summary>
    public HintBudget Hints { get; } = new();

    /// <summary>Registers a member whose value is not bound yet; the first use binds it (so declaration order does not matter).</summary>
    public void AddPending(VariableSymbol symbol, Func<bool> bind) => _pending[symbol] = bind;

    /// <summary>Binds a pending member now. False when its unit cannot be known (an error was reported).</summary>
    /// <remarks>
    /// The member stays pending while its value is bound, so a use inside its own definition
    /// (<c>a = b</c>, <c>b = a</c>) calls the binder again and the <see cref="LazyBinder"/> reports the cycle.
    /// Its value is bound one level below the use that needs it (see ExpressionBinder.Nesting.cs).
    /// </remarks>
    public bool EnsureBound(VariableSymbol symbol)
    {
        if (_pending.TryGetValue(symbol, out var bind))
        {
            bool ok = BindDefinition(symbol, bind);
            _pending.Remove(symbol);
            return ok;
        }
        return symbol.HasKnownDimension;
    }

    public BoundExpression Bind(ExpressionSyntax syntax, BindingContext context)
    {
        if (_levels.Depth == 0)
        {
            (_nodes, _reportedTooDeep) = (0, false); // a new expression
        }
        if (!_levels.TryEnter())
        {
            ReportTooDeep(context.Text, syntax.Span, _inProgress);
            return new BoundErrorExpression(syntax.Span);
        }
        try
        {
            Reach(_levels.Depth, null);
            _nodes++;
            return RequireFinite(BindNode(syntax, context), context);
        }
        finally
        {
            _levels.Exit();
        }
    }

    private BoundExpression BindNode(ExpressionSyntax syntax, BindingContext context) => syntax switch
    {
        NumberLiteralSyntax n => new BoundLiteral(n.Value, ValueType.Dimensionless, n.Span, IsBareZero: n.Value == 0),
        QuantityLiteralSyntax q => BindQuantity(q, context),
        BoolLiteralSyntax b => new BoundBoolLiteral(b.Value, b.Span),
        StringLiteralSyntax s => new BoundStringLiteral(s.Value, s.Span),
        NameExpressionSyntax n => BindName(n.Name, context),
        MemberExpressionSyntax m => BindMember(m, context),
        CallExpressionSyntax c => BindCall(c, context),
        UnaryExpressionSyntax u => BindUnary(u, context),
        BinaryExpressionSyntax b => BindBinary(b, context),
        ListExpressionSyntax l => BindList(l, context),
        _ => new BoundErrorExpression(syntax.Span),
    };

    /// <summary>
    /// A constant that is infinite or not a number is an error where it first arises, whatever the
    /// expression is for: a literal too large for float64 (<c>1e400</c>), or an operation on finite
    /// constants (<c>1e300 * 1e300</c>, <c>0 / 0</c>, <c>log(-1)</c>, <c>1 / (0 ms)</c> with params folded in).
    /// Nothing built on it reports again.
    /// </summary>
    private BoundExpression RequireFinite(BoundExpression bound, BindingContext context)
    {
        if (bound is not (BoundLiteral or BoundUnary or BoundBinary or BoundCall) || Constants.ValueOfNewNode(bound) is not { } value ||
            double.IsFinite(value))
        {
            return bound;
        }
        _diagnostics.Error(ErrorCode.NotFinite, context.Text, bound.Span, NotFiniteMessage(bound, value, context.Text));
        return new BoundErrorExpression(bound.Span);
    }

    private string NotFiniteMessage(BoundExpression bound, double value, SourceText text)
    {
        string what = double.IsNaN(value) ? "not a number (NaN)" : "infinite";
        return bound switch
        {
            BoundLiteral => $"{text.ToString(bound.Span).Trim()} is too large: numbers go up to about 1.8e308",
            BoundBinary { Operator: BoundBinaryOperator.Divide or BoundBinaryOperator.Modulo, Right: var r } when Constants.ValueOfNewNode(r) == 0 =>
                $"this divides by zero, so it is {what}",
            BoundCall call => $"{call.Function.ToString().ToLowerInvariant()} of {string.Join(", ", call.Arguments.Select(a => Binding.Format.G(Constants.ValueOfNewNode(a) ?? double.NaN)))} is {what}",
            _ when double.IsNaN(value) => "this is not a number (NaN)",
            _ => "this is infinite: it overflows the largest number, about 1.8e308",
        };
    }

    /// <summary>Binds and checks that the result has the expected dimension; a bare 0 fits any unit.</summary>
    public BoundExpression BindWithDimension(ExpressionSyntax syntax, BindingContext context, Dimension expected, string what)
    {
        var bound = Bind(syntax, context);
        CheckDimension(bound, context.Text, expected, what);
        return bound;
    }

    public bool CheckDimension(BoundExpression bound, SourceText text, Dimension expected, string what, string hint = "")
    {
        if (bound.Type.IsError)
        {
            return false;
        }
        if (!bound.Type.IsQuantity)
        {
            _diagnostics.Error(ErrorCode.ExpectedQuantity, text, bound.Span, $"{what} must be a quantity in {Format(expected)}, not {bound.Type}");
            return false;
        }
        if (bound.Type.Dimension != expected && !IsBareZero(bound))
        {
            _diagnostics.Error(ErrorCode.UnitMismatch, text, bound.Span,
                $"{what} must have unit {Format(expected)}, but this has unit {bound.Type.Dimension}{hint}");
            return false;
        }
        return true;
    }

    public BoundExpression BindBoolean(ExpressionSyntax syntax, BindingContext context, string what)
    {
        var bound = Bind(syntax, context);
        if (!bound.Type.IsError && bound.Type.Kind != ValueKind.Boolean)
        {
            _diagnostics.Error(ErrorCode.ExpectedBoolean, context.Text, bound.Span, $"{what} must be a condition (true or false), but this is {bound.Type}");
            return new BoundErrorExpression(bound.Span);
        }
        return bound;
    }

    private static string Format(Dimension d) => d.IsDimensionless ? "1 (dimensionless)" : d.ToString();

    public static bool IsBareZero(BoundExpression e) => e is BoundLiteral { IsBareZero: true };

    /// <summary>
    /// Explains a unit mismatch that comes from a state made dimensionless by a bare 0 initial value
    /// (<paramref name="wanted"/> is the unit it was used with), or "".
    /// </summary>
    public static string BareZeroHint(Dimension wanted, params VariableSymbol?[] symbols) =>
        symbols.FirstOrDefault(s => s is { DimensionlessFromBareZero: true, Dimension.IsDimensionless: true }) is { } state && !wanted.IsDimensionless
            ? $" ('{state.Name}' is dimensionless because its initial value is a bare 0; write the 0 with a unit: 'state {state.Name} = 0 {wanted}')"
            : "";

    private BoundExpression BindQuantity(QuantityLiteralSyntax q, BindingContext context)
    {
        if (!UnitTable.TryLookup(q.Unit.Text, out var unit))
        {
            string hint = UnitTable.Suggest(q.Unit.Text) is { Count: > 0 } s ? $"; did you mean '{s[0]}'?" : "";
            _diagnostics.Error(ErrorCode.UnknownUnit, context.Text, q.Unit.Span, $"unknown unit '{q.Unit.Text}'{hint}");
            return new BoundErrorExpression(q.Span);
        }
        if (q.UnitExponent is not { } exponentSyntax)
        {
            return new BoundLiteral(q.Value * unit.Scale, ValueType.Quantity(unit.Dimension), q.Span);
        }
        // 20000 um**2 = 20000 * (um**2): the unit raised first, with the power's own unit rules, then scaled.
        var exponent = Bind(exponentSyntax, context);
        if (exponent.Type.IsError)
        {
            return new BoundErrorExpression(q.Span);
        }
        if (!exponent.Type.IsQuantity)
        {
            _diagnostics.Error(ErrorCode.ExpectedQuantity, context.Text, exponent.Span, $"an exponent must be a number, but this is {exponent.Type}");
            return new BoundErrorExpression(q.Span);
        }
        var unitPower = BindPower(new BoundLiteral(unit.Scale, ValueType.Quantity(unit.Dimension), q.Unit.Span), exponent,
            TextSpan.FromBounds(q.Unit.Span.Start, q.Span.End), context);
        var power = unitPower.Type.IsError ? unitPower : RequireFinite(unitPower, context);
        var number = RequireFinite(new BoundLiteral(q.Value, ValueType.Dimensionless, new TextSpan(q.Span.Start, q.NumberText.Length)), context);
        return power.Type.IsError || number.Type.IsError
            ? new BoundErrorExpression(q.Span)
            : new BoundBinary(BoundBinaryOperator.Multiply, number, power, power.Type, q.Span);
    }

    private BoundExpression BindName(NameSyntax name, BindingContext context)
    {
        if (name.IsMissing)
        {
            return new BoundErrorExpression(name.Span);
        }
        if (context.Scope.Lookup(name.Text) is { } entry)
        {
            return Variable(entry.Symbol, entry.Side, name.Span, context);
        }
        if (Builtins.IsNoiseName(name.Text))
        {
            if (!context.Allows(ContextFlags.Noise))
            {
                return Unavailable(name, context, "white noise can only appear on the right of a differential equation");
            }
            if (!_noise.TryGetValue(name.Text, out var noise))
            {
                noise = Builtins.Noise(name.Text);
                _noise[name.Text] = noise;
            }
            return new BoundVariable(noise, VariableSide.Self, name.Span);
        }
        if (BindBuiltinName(name, context) is { } builtin)
        {
            return builtin;
        }
        if (UnitTable.TryLookup(name.Text, out var unit))
        {
            return new BoundLiteral(unit.Scale, ValueType.Quantity(unit.Dimension), name.Span);
        }
        _diagnostics.Error(ErrorCode.UnknownName, context.Text, name.Span,
            $"unknown name '{name.Text}'{Hints.Hint(name.Text, context.Scope.VisibleNames())}");
        return new BoundErrorExpression(name.Span);
    }

    private BoundExpression? BindBuiltinName(NameSyntax name, BindingContext context)
    {
        switch (name.Text)
        {
            case "pi":
                return new BoundLiteral(Math.PI, ValueType.Dimensionless, name.Span);
            case "t":
            case "dt":
                return context.Allows(ContextFlags.Time)
                    ? new BoundVariable(name.Text == "t" ? Builtins.Time : Builtins.Dt, VariableSide.Self, name.Span)
                    : Unavailable(name, context, "time is not available here");
            case "i":
                return context.Allows(ContextFlags.NeuronIndex) || context.Allows(ContextFlags.SynapseIndex)
                    ? new BoundVariable(Builtins.I, VariableSide.Self, name.Span)
                    : Unavailable(name, context, "'i' is a neuron index, available in neuron types, populations and projections");
            case "N":
                return context.Allows(ContextFlags.NeuronIndex)
                    ? new BoundVariable(Builtins.N, VariableSide.Self, name.Span)
                    : Unavailable(name, context, "'N' is a population's size, available in neuron types and populations");
            case "j":
            case "distance":
                return context.Allows(ContextFlags.SynapseIndex)
                    ? new BoundVariable(name.Text == "j" ? Builtins.J : Builtins.Distance, VariableSide.Self, name.Span)
                    : Unavailable(name, context, $"'{name.Text}' is only available in a projection's connectivity and synapse values");
            case "x":
            case "y":
            case "z":
                var symbol = name.Text == "x" ? Builtins.X : name.Text == "y" ? Builtins.Y : Builtins.Z;
                return context.Allows(ContextFlags.Position)
                    ? new BoundVariable(symbol, VariableSide.Self, name.Span)
                    : Unavailable(name, context, "positions x, y, z need a population with a layout");
            default:
                return null;
        }
    }

    private BoundExpression Unavailable(NameSyntax name, BindingContext context, string why)
    {
        _diagnostics.Error(ErrorCode.NameNotAvailableHere, context.Text, name.Span, $"'{name.Text}' cannot be used in {context.Place}: {why}");
        return new BoundErrorExpression(name.Span);
    }

    private BoundExpression Variable(VariableSymbol symbol, VariableSide side, TextSpan span, BindingContext context)
    {
        bool expands = Expands(symbol);
        if (!(expands ? EnsureBound(symbol) : EnsureBoundApart(symbol)) || expands && !WithinNesting(symbol, context.Text, span))
        {
            return new BoundErrorExpression(span);
        }
        return new BoundVariable(symbol, side, span);
    }

    private BoundExpression BindMember(MemberExpressionSyntax member, BindingContext context)
    {
        if (member.Target is NameExpressionSyntax { Name: var qualifier } && context.Scope.LookupQualifier(qualifier.Text) is { } scope)
        {
            if (member.Member.IsMissing)
            {
                return new BoundErrorExpression(member.Span);
            }
            if (scope.Lookup(member.Member.Text) is { } entry)
            {
                return Variable(entry.Symbol, entry.Side, member.Span, context);
            }
            if (qualifier.Text is "pre" or "post" && member.Member.Text is "x" or "y" or "z" && context.Allows(ContextFlags.SynapseIndex))
            {
                var symbol = member.Member.Text == "x" ? Builtins.X : member.Member.Text == "y" ? Builtins.Y : Builtins.Z;
                return new BoundVariable(symbol, qualifier.Text == "pre" ? VariableSide.Pre : VariableSide.Post, member.Span);
            }
            _diagnostics.Error(ErrorCode.UnknownName, context.Text, member.Member.Span,
                $"'{qualifier.Text}' has no variable '{member.Member.Text}'{Hints.Hint(member.Member.Text, scope.VisibleNames())}");
            return new BoundErrorExpression(member.Span);
        }
        var target = Bind(member.Target, context);
        if (!target.Type.IsError)
        {
            _diagnostics.Error(ErrorCode.NameNotAvailableHere, context.Text, member.Span,
                $"'.{member.Member.Text}' cannot be used in {context.Place}: only pre.NAME and post.NAME are qualified names in expressions");
        }
        return new BoundErrorExpression(member.Span);
    }

    private BoundExpression BindList(ListExpressionSyntax list, BindingContext context)
    {
        var items = list.Items.Select(i => Bind(i, context)).ToImmutableArray();
        if (items.Any(i => i.Type.IsError))
        {
            return new BoundErrorExpression(list.Span);
        }
        var first = items.FirstOrDefault(i => !IsBareZero(i));
        var dimension = first?.Type.Dimension ?? Dimension.None;
        foreach (var item in items)
        {
            if (!item.Type.IsQuantity)
            {
                _diagnostics.Error(ErrorCode.ExpectedQuantity, context.Text, item.Span, $"list items must be quantities, not {item.Type}");
                return new BoundErrorExpression(list.Span);
            }
            if (item.Type.Dimension != dimension && !IsBareZero(item))
            {
                _diagnostics.Error(ErrorCode.UnitMismatch, context.Text, item.Span,
                    $"list items must all have one unit: this has unit {item.Type.Dimension}, the first has {dimension}");
                return new BoundErrorExpression(list.Span);
            }
        }
        return new BoundList(items, ValueType.List(dimension), list.Span);
    }
}
