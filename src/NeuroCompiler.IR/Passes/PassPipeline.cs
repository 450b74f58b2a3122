using System.Collections.Immutable;
using System.Diagnostics;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.IR.Verification;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Runs passes in order, stopping after the first that reports an error. With <see cref="Verify"/> the
/// verifier checks the network it is given (as <see cref="IrStage.Lowered"/>) and the network after
/// every pass, against the promises of the stage that pass produces; its time is in the timings.
/// </summary>
public sealed class PassPipeline
{
    private readonly ImmutableArray<INetworkPass> _passes;

    public PassPipeline(IEnumerable<INetworkPass> passes) => _passes = passes.ToImmutableArray();

    /// <summary>The standard pipeline every backend runs on a freshly lowered network.</summary>
    public static PassPipeline Standard(Memory.MemoryBudget budget) => new(new INetworkPass[]
    {
        new ConstantFolding(),
        new IntegratorSelection(),
        new DelayDiscretisation(),
        new ConnectivityInstantiation(budget),
    });

    /// <summary>Check every stage's promises (<see cref="IrVerifier"/>); a broken one throws <see cref="IrVerificationException"/>.</summary>
    public bool Verify { get; init; }

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
        void Check(IrStage stage, string after)
        {
            var watch = Stopwatch.StartNew();
            IrVerifier.Check(network, stage, after);
            timings.Add(($"verify {stage}", watch.Elapsed));
        }
        if (Verify)
        {
            Check(IrStage.Lowered, "lowering");
        }
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
                Check(pass.Produces, pass.Name);
            }
        }
        return (network, diagnostics.ToSortedList().ToImmutableArray(), timings);
    }
}
