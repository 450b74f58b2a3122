using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

public sealed record LoweringResult(Network? Network, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Turns the bound model into the IR: one neuron model per population, one synapse model per projection, times in steps.</summary>
public static class Lowerer
{
    /// <summary>Lowers on a <see cref="DeepStack"/> thread: lets are written out by recursion, as deep as the nesting limit allows.</summary>
    public static LoweringResult Lower(BoundModel model) => DeepStack.Run(() =>
    {
        try
        {
            return new ModelLowerer(model).Run();
        }
        catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
        {
            return new LoweringResult(null, ImmutableArray.Create(tooDeep.ToDiagnostic()));
        }
    });
}
