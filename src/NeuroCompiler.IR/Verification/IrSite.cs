namespace NeuroCompiler.IR.Verification;

/// <summary>
/// One expression of a network and where it sits: its context, the population (or -1) and projection
/// (or -1) it belongs to, a description for messages, and for a statement the variable it writes.
/// </summary>
public readonly record struct IrSite(IrContext Context, int Population, int Projection, string Where, IrExpression Expression, VariableRef? Target = null);
