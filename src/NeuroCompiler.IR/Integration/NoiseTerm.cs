namespace NeuroCompiler.IR.Integration;

/// <summary>One noise term of a stochastic equation: Coefficient · xi_Noise.</summary>
public sealed record NoiseTerm(int Noise, IrExpression Coefficient);
