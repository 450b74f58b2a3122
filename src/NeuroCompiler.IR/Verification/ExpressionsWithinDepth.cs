using NeuroCompiler.Core;

namespace NeuroCompiler.IR.Verification;

/// <summary>
/// Every expression (an integrator's too) nests at most <see cref="Limits.MaxIrNesting"/> levels: the
/// front end bounds the source's nesting, lowering writes a source level as at most three IR levels,
/// and code generation and the interpreter rely on the bound (docs/limits.md, "Nesting").
/// </summary>
public sealed class ExpressionsWithinDepth : IIrCheck
{
    public IrStage From => IrStage.Lowered;

    public void Check(Network network, List<string> problems)
    {
        foreach (var site in IrSites.Of(network))
        {
            if (site.Expression.Depth() is var depth && depth > Limits.MaxIrNesting)
            {
                problems.Add($"{site.Where}: an expression {depth} levels deep (the IR allows {Limits.MaxIrNesting})");
            }
        }
    }
}
