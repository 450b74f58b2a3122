using System.Collections.Immutable;
using System.Diagnostics;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Runs passes in order, stopping after the first that reports an error. In debug builds (and when
/// <see cref="Verify"/> is set) the verifier checks the network after every pass.
/// </summary>
public sealed class PassPipeline
{
    private readonly ImmutableArray<INetworkPass> _passes;

    public PassPipeline(IEnumerable<INetworkPass> passes) => _passes = passes.ToImmutableArray();

    /// <summary>The standard pipeline every backend runs on a freshly lowered network.</summary>
    public static PassPipeline Standard(long memoryBudgetBytes) => new(new INetworkPass[]
    {
        new ConstantFolding(),
        new IntegratorSelection(),
        new DelayDiscretisation(),
        new ConnectivityInstantiation(memoryBudgetBytes),
    });

#if DEBUG
    public bool Verify { get; init; } = true;
#else
    public bool Verify { get; init; }
#endif

    public IReadOnlyList<INetworkPass> Passes => _passes;

    /// <summary>Runs the passes on a <see cref="DeepStack"/> thread, since they walk expressions by recursion.</summary>
    public (Network? Network, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<(string Pass, TimeSpan Time)> Timings) Run(Network network) =>
        DeepStack.Run(() =>
        {
            try
            {
                return RunPasses(network);
            }
            catch (Exception e) when (NestingTooDeepException.In(e) is { } tooDeep)
            {
                return ((Network?)null, ImmutableArray.Create(tooDeep.ToDiagnostic()), (IReadOnlyList<(string, TimeSpan)>)Array.Empty<(string, TimeSpan)>());
            }
        });

    private (Network? Network, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<(string Pass, TimeSpan Time)> Timings) RunPasses(Network network)
    {
        var diagnostics = new DiagnosticBag();
        var timings = new List<(string, TimeSpan)>();
        foreach (var pass in _passes)
        {
            var watch = Stopwatch.StartNew();
            network = pass.Run(network, diagnostics);
            timings.Add((pass.Name, watch.Elapsed));
            if (diagnostics.HasErrors)
            {
                return (null, diagnostics.ToSortedList().ToImmutableArray(), timings);
            }
            if (Verify)
            {
                Verifier.Check(network, pass.Name);
            }
        }
        return (network, diagnostics.ToSortedList().ToImmutableArray(), timings);
    }
}
