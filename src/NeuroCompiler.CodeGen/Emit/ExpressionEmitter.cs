using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// An IR expression as a C# expression of the model's precision, fully parenthesised so C#
/// evaluates exactly the IR's tree, with every operation the interpreter's: the same
/// <see cref="ScalarMath"/> routines, the same comparisons giving 1 or 0, the same random numbers.
/// </summary>
public sealed class ExpressionEmitter
{
    private readonly Precision _precision;
    private readonly Func<VariableRef, string> _variable;
    private readonly string _element;
    private readonly Func<IrExpression, string?>? _computed;

    /// <param name="variable">The C# text that reads a variable in this context.</param>
    /// <param name="element">The C# text of the element index random numbers are keyed by.</param>
    /// <param name="computed">The C# text of a subexpression computed beforehand (once per call), or null to emit it here.</param>
    public ExpressionEmitter(Precision precision, Func<VariableRef, string> variable, string element, Func<IrExpression, string?>? computed = null)
    {
        _precision = precision;
        _variable = variable;
        _element = element;
        _computed = computed;
    }

    private string T => Literal.Type(_precision);
    private string Zero => _precision == Precision.Float32 ? "0f" : "0.0";
    private string One => _precision == Precision.Float32 ? "1f" : "1.0";
    private string Single => _precision == Precision.Float32 ? "Single" : "Double";

    public string Emit(IrExpression expression)
    {
        NestingGuard.EnsureStack();
        if (_computed?.Invoke(expression) is { } computed)
        {
            return computed;
        }
        return expression switch
        {
            IrConstant c => Literal.Of(c.Value, _precision),
            IrVariable v => _variable(v.Ref),
            IrRandom r => $"CounterRng.{(r.Kind == RandomKind.Uniform ? "Uniform" : "Normal")}{Single}(seed, {r.Stream}u, (uint)({_element}), (ulong)step)",
            IrUnary { Operator: IrUnaryOperator.Negate } u => $"(-{Emit(u.Operand)})",
            IrUnary u => $"({Emit(u.Operand)} == {Zero} ? {One} : {Zero})",
            IrCall c => $"ScalarMath.Apply(MathFunction.{c.Function}, {Emit(c.Argument)})",
            IrSelect s => $"({Emit(s.Condition)} != {Zero} ? {Emit(s.IfTrue)} : {Emit(s.IfFalse)})",
            IrBinary b => Binary(b),
            _ => throw new InvalidOperationException($"{expression.GetType().Name} has no C# form here"),
        };
    }

    private string Binary(IrBinary b)
    {
        string l = Emit(b.Left);
        string r = Emit(b.Right);
        return b.Operator switch
        {
            IrBinaryOperator.Add => Arithmetic.Add(l, r),
            IrBinaryOperator.Subtract => Arithmetic.Subtract(l, r),
            IrBinaryOperator.Multiply => Arithmetic.Multiply(l, r),
            IrBinaryOperator.Divide => $"({l} / {r})",
            IrBinaryOperator.Modulo => $"ScalarMath.Modulo({l}, {r})",
            IrBinaryOperator.Power => $"ScalarMath.Power({l}, {r})",
            IrBinaryOperator.Min => $"ScalarMath.Min({l}, {r})",
            IrBinaryOperator.Max => $"ScalarMath.Max({l}, {r})",
            IrBinaryOperator.Less => Condition($"{l} < {r}"),
            IrBinaryOperator.LessOrEqual => Condition($"{l} <= {r}"),
            IrBinaryOperator.Greater => Condition($"{l} > {r}"),
            IrBinaryOperator.GreaterOrEqual => Condition($"{l} >= {r}"),
            IrBinaryOperator.Equal => Condition($"{l} == {r}"),
            IrBinaryOperator.NotEqual => Condition($"{l} != {r}"),
            IrBinaryOperator.And => Condition($"{l} != {Zero} && {r} != {Zero}"),
            _ => Condition($"{l} != {Zero} || {r} != {Zero}"),
        };
    }

    private string Condition(string test) => $"({test} ? {One} : {Zero})";

    public string Cast(string integer) => $"({T})({integer})";
}
