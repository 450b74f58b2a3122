using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

public sealed record LoweringResult(Network? Network, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Turns the bound model into the IR: one neuron model per population, one synapse model per projection, times in steps.</summary>
public static class Lowerer
{
    public static LoweringResult Lower(BoundModel model) => new ModelLowerer(model).Run();
}
