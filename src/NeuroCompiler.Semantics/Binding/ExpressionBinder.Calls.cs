using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Calls of built-in functions and their unit rules.
internal sealed partial class ExpressionBinder
{
    private BoundExpression BindCall(CallExpressionSyntax call, BindingContext context)
    {
        if (call.Function.IsMissing)
        {
            return new BoundErrorExpression(call.Span);
        }
        if (!BuiltinFunctions.TryLookup(call.Function.Text, out var function, out int minArgs, out int maxArgs))
        {
            string hint = NameSuggester.Hint(call.Function.Text, KnownFunctionNames);
            _diagnostics.Error(ErrorCode.UnknownFunction, context.Text, call.Function.Span, $"unknown function '{call.Function.Text}'{hint}");
            return new BoundErrorExpression(call.Span);
        }
        foreach (var argument in call.Arguments.Where(a => a.Name is not null))
        {
            _diagnostics.Error(ErrorCode.UnknownArgument, context.Text, argument.Name!.Span,
                $"'{call.Function.Text}' takes its arguments by position, not by name");
        }
        if (call.Arguments.Length < minArgs || call.Arguments.Length > maxArgs)
        {
            string expected = minArgs == maxArgs ? $"{minArgs}" : $"{minArgs} to {maxArgs}";
            _diagnostics.Error(ErrorCode.WrongArgumentCount, context.Text, call.Span,
                $"'{call.Function.Text}' takes {expected} argument{(maxArgs == 1 ? "" : "s")}, but {call.Arguments.Length} {(call.Arguments.Length == 1 ? "was" : "were")} given");
            return new BoundErrorExpression(call.Span);
        }
        if (function.IsRandom() && !context.Allows(ContextFlags.Random))
        {
            _diagnostics.Error(ErrorCode.NameNotAvailableHere, context.Text, call.Function.Span,
                $"random function '{call.Function.Text}' cannot be used in {context.Place}");
            return new BoundErrorExpression(call.Span);
        }
        var args = call.Arguments.Select(a => Bind(a.Value, context)).ToImmutableArray();
        if (args.Any(a => a.Type.IsError))
        {
            return new BoundErrorExpression(call.Span);
        }
        var result = ResultType(function, args, call, context);
        if (result is not { } type)
        {
            return new BoundErrorExpression(call.Span);
        }
        if (function == BuiltinFunction.Pow)
        {
            return BindPower(args[0], args[1], call.Span, context);
        }
        return new BoundCall(function, args, type, call.Span);
    }

    private static readonly string[] KnownFunctionNames =
    {
        "exp", "log", "log10", "sqrt", "abs", "min", "max", "clip", "pow", "floor", "ceil", "sin", "cos", "tanh", "exprel", "where",
        "rand", "randn", "uniform", "normal",
    };

    private ValueType? ResultType(BuiltinFunction function, ImmutableArray<BoundExpression> args, CallExpressionSyntax call, BindingContext context)
    {
        string name = call.Function.Text;
        switch (function)
        {
            case BuiltinFunction.Exp or BuiltinFunction.Log or BuiltinFunction.Log10 or BuiltinFunction.Sin or BuiltinFunction.Cos or BuiltinFunction.Tanh or BuiltinFunction.Exprel:
                return Dimensionless(args[0], name, context) ? ValueType.Dimensionless : null;
            case BuiltinFunction.Sqrt:
                if (!Quantity(args[0], name, context))
                {
                    return null;
                }
                if (args[0].Type.Dimension.TryPower(0.5) is { } root)
                {
                    return ValueType.Quantity(root);
                }
                _diagnostics.Error(ErrorCode.FractionalExponent, context.Text, args[0].Span,
                    $"the square root of {args[0].Type.Dimension} has no unit (exponents must be multiples of 1/2)");
                return null;
            case BuiltinFunction.Abs or BuiltinFunction.Floor or BuiltinFunction.Ceil:
                return Quantity(args[0], name, context) ? args[0].Type : null;
            case BuiltinFunction.Min or BuiltinFunction.Max or BuiltinFunction.Clip or BuiltinFunction.Uniform or BuiltinFunction.Normal:
                return SameUnits(args, name, context);
            case BuiltinFunction.Pow:
                return Quantity(args[0], name, context) && Quantity(args[1], name, context) ? ValueType.Dimensionless : null;
            case BuiltinFunction.Where:
                if (args[0].Type.Kind != ValueKind.Boolean)
                {
                    _diagnostics.Error(ErrorCode.ExpectedBoolean, context.Text, args[0].Span, $"the first argument of 'where' must be a condition, but this is {args[0].Type}");
                    return null;
                }
                return SameUnits(args.RemoveAt(0), name, context);
            default:
                return ValueType.Dimensionless;
        }
    }

    private bool Quantity(BoundExpression arg, string function, BindingContext context)
    {
        if (arg.Type.IsQuantity)
        {
            return true;
        }
        _diagnostics.Error(ErrorCode.ExpectedQuantity, context.Text, arg.Span, $"'{function}' needs a quantity, but this is {arg.Type}");
        return false;
    }

    private bool Dimensionless(BoundExpression arg, string function, BindingContext context)
    {
        if (!Quantity(arg, function, context))
        {
            return false;
        }
        if (arg.Type.Dimension.IsDimensionless)
        {
            return true;
        }
        _diagnostics.Error(ErrorCode.ExpectedDimensionless, context.Text, arg.Span,
            $"the argument of '{function}' must be dimensionless, but this has unit {arg.Type.Dimension}");
        return false;
    }

    private ValueType? SameUnits(ImmutableArray<BoundExpression> args, string function, BindingContext context)
    {
        if (!args.All(a => Quantity(a, function, context)))
        {
            return null;
        }
        var reference = args.FirstOrDefault(a => !IsBareZero(a)) ?? args[0];
        foreach (var arg in args)
        {
            if (arg.Type.Dimension != reference.Type.Dimension && !IsBareZero(arg))
            {
                _diagnostics.Error(ErrorCode.UnitMismatch, context.Text, arg.Span,
                    $"the arguments of '{function}' must have one unit: this has {arg.Type.Dimension}, but '{context.Text.ToString(reference.Span)}' has {reference.Type.Dimension}");
                return null;
            }
        }
        return ValueType.Quantity(reference.Type.Dimension);
    }
}
