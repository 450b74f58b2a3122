using NeuroCompiler.IR;
using NeuroCompiler.IR.Passes;

namespace NeuroCompiler.IR.Tests;

public class LinearizerTests
{
    private static readonly IrExpression X = new IrVariable(new VariableRef(VariableSpace.NeuronState, 0));
    private static readonly IrExpression Y = new IrVariable(new VariableRef(VariableSpace.NeuronState, 1));
    private static readonly IrExpression P = new IrVariable(new VariableRef(VariableSpace.NeuronParameter, 0));

    private static int? Key(IrExpression e) => e is IrVariable { Ref: { Space: VariableSpace.NeuronState, Slot: var s } } ? s : null;

    private static double Value(IrExpression? e, double p) => e is null ? 0 : ScalarEvaluator.Evaluate(e, new Env(p));

    private sealed record Env(double P) : IEvaluationEnvironment
    {
        public double Read(VariableRef variable) => P;
        public double Random(IrRandom random) => 0;
    }

    [Fact]
    public void SplitsALinearCombination()
    {
        // (p - x) / p + 2 * y  ->  x: -1/p, y: 2, rest: 1
        var e = new IrBinary(IrBinaryOperator.Add,
            new IrBinary(IrBinaryOperator.Divide, new IrBinary(IrBinaryOperator.Subtract, P, X), P),
            new IrBinary(IrBinaryOperator.Multiply, new IrConstant(2), Y));
        var form = Linearizer.Decompose(e, Key, 2)!;
        Assert.Equal(-0.25, Value(form.Coefficients[0], 4), 15);
        Assert.Equal(2, Value(form.Coefficients[1], 4), 15);
        Assert.Equal(1, Value(form.Rest, 4), 15);
    }

    [Fact]
    public void RejectsProductsOfVariablesAndFunctionsOfThem()
    {
        Assert.Null(Linearizer.Decompose(new IrBinary(IrBinaryOperator.Multiply, X, Y), Key, 2));
        Assert.Null(Linearizer.Decompose(new IrCall(Runtime.MathFunction.Exp, X), Key, 2));
        Assert.Null(Linearizer.Decompose(new IrBinary(IrBinaryOperator.Divide, P, X), Key, 2));
    }

    [Fact]
    public void AProductIsLinearInOneVariableWhenTheOtherIsNotAKey()
    {
        var form = Linearizer.Decompose(new IrBinary(IrBinaryOperator.Multiply, Y, X), e => Key(e) == 0 ? 0 : null, 1)!;
        Assert.Same(Y, form.Coefficients[0]);
        Assert.Equal(new IrConstant(0), form.Rest);
    }
}
