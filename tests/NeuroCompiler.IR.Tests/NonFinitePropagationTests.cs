using NeuroCompiler.IR;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Tests;

/// <summary>
/// Which expressions are certain to be NaN or infinite when a state is: checked against IEEE arithmetic
/// itself, on random expressions over two states and numbers that include 0, −0, huge values and
/// infinities, in float64 and float32.
/// </summary>
public class NonFinitePropagationTests
{
    private static readonly IrExpression X = new IrVariable(new VariableRef(VariableSpace.NeuronState, 0));
    private static readonly IrExpression Y = new IrVariable(new VariableRef(VariableSpace.NeuronState, 1));

    private static IrExpression C(double value) => new IrConstant(value);

    private static IrExpression B(IrBinaryOperator op, IrExpression l, IrExpression r) => new IrBinary(op, l, r);

    private sealed class Values(double x, double y) : IEvaluationEnvironment
    {
        public double Read(VariableRef variable) => variable.Slot == 0 ? x : y;

        public double Random(IrRandom random) => 0.5;
    }

    private static readonly double[] Numbers = { 0.0, -0.0, 1.0, -2.5, 1e-300, 1e300, -1e308, double.MaxValue, double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
    private static readonly double[] NotFinite = { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    private static IrExpression Random(Random random, int depth)
    {
        int pick = random.Next(depth >= 5 ? 3 : 11);
        return pick switch
        {
            0 => X,
            1 => Y,
            2 => C(Numbers[random.Next(Numbers.Length)]),
            3 => new IrUnary(IrUnaryOperator.Negate, Random(random, depth + 1)),
            4 => new IrCall(MathFunction.Exp, Random(random, depth + 1)),
            5 => new IrSelect(Random(random, depth + 1), Random(random, depth + 1), Random(random, depth + 1)),
            _ => B(Enum.GetValues<IrBinaryOperator>()[random.Next(Enum.GetValues<IrBinaryOperator>().Length)], Random(random, depth + 1), Random(random, depth + 1)),
        };
    }

    [Fact]
    public void WhatItSaysCarriesANonFiniteStateIsNeverFinite()
    {
        var random = new Random(12);
        int carried = 0;
        for (int n = 0; n < 20_000; n++)
        {
            var e = Random(random, 0);
            if (!NonFinitePropagation.Carries(e, 0))
            {
                continue;
            }
            carried++;
            foreach (double x in NotFinite)
            {
                foreach (double y in Numbers)
                {
                    double value = ScalarEvaluator.Evaluate(e, new Values(x, y));
                    Assert.False(double.IsFinite(value), $"{e} is {value} with x = {x}, y = {y}");
                }
            }
        }
        Assert.True(carried > 2_000, $"only {carried} expressions carry x");
    }

    [Fact]
    public void SumsProductsNegationNumeratorsAndSelectionsOfTwoCarriersCarryIt()
    {
        Assert.True(NonFinitePropagation.Carries(X, 0));
        Assert.True(NonFinitePropagation.Carries(B(IrBinaryOperator.Add, C(1), B(IrBinaryOperator.Multiply, Y, X)), 0));
        Assert.True(NonFinitePropagation.Carries(B(IrBinaryOperator.Subtract, Y, X), 0));
        Assert.True(NonFinitePropagation.Carries(B(IrBinaryOperator.Multiply, X, C(0)), 0));   // Inf · 0 is NaN
        Assert.True(NonFinitePropagation.Carries(B(IrBinaryOperator.Divide, new IrUnary(IrUnaryOperator.Negate, X), C(0)), 0));
        // COBA's A of v: (-gl - ge - gi) / C
        var a = B(IrBinaryOperator.Divide, B(IrBinaryOperator.Subtract, B(IrBinaryOperator.Subtract, C(-1e-8), X), Y), C(2e-10));
        Assert.True(NonFinitePropagation.Carries(a, 0));
        Assert.True(NonFinitePropagation.Carries(a, 1));
        // Exponential Euler's new value: where(A == 0, x + B dt, -(B/A) + (B/A + x) exp(A dt)).
        var ba = B(IrBinaryOperator.Divide, Y, C(-3));
        var exponential = B(IrBinaryOperator.Add, new IrUnary(IrUnaryOperator.Negate, ba),
            B(IrBinaryOperator.Multiply, B(IrBinaryOperator.Add, ba, X), new IrCall(MathFunction.Exp, C(-0.1))));
        Assert.True(NonFinitePropagation.Carries(new IrSelect(B(IrBinaryOperator.Equal, Y, C(0)), B(IrBinaryOperator.Add, X, Y), exponential), 0));
    }

    [Fact]
    public void DenominatorsFunctionsComparisonsAndOneSidedSelectionsDoNot()
    {
        Assert.False(NonFinitePropagation.Carries(Y, 0));
        Assert.False(NonFinitePropagation.Carries(B(IrBinaryOperator.Divide, C(1), X), 0));           // 1 / Inf = 0
        Assert.False(NonFinitePropagation.Carries(new IrCall(MathFunction.Exp, X), 0));               // exp(-Inf) = 0
        Assert.False(NonFinitePropagation.Carries(B(IrBinaryOperator.Greater, X, C(0)), 0));
        Assert.False(NonFinitePropagation.Carries(B(IrBinaryOperator.Min, X, C(0)), 0));               // min(-Inf, 0) is -Inf, min(NaN, 0) is 0
        Assert.False(NonFinitePropagation.Carries(new IrSelect(C(1), X, Y), 0));        // only one branch has it
        Assert.False(NonFinitePropagation.Carries(new IrSelect(X, C(1), C(2)), 0));     // in the condition only
        Assert.False(NonFinitePropagation.Carries(new IrVariable(new VariableRef(VariableSpace.NeuronState, 0, Side.Pre)), 0));
    }

    [Fact]
    public void Float32ArithmeticCarriesItTheSameWay()
    {
        foreach (float x in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            foreach (float y in new[] { 0f, -0f, 1f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN })
            {
                Assert.False(float.IsFinite(x + y));
                Assert.False(float.IsFinite(y - x));
                Assert.False(float.IsFinite(x * y));
                Assert.False(float.IsFinite(x / y));
                Assert.False(float.IsFinite(-x));
            }
        }
    }
}
