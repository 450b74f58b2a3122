using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NeuroCompiler.ConnectRules;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR.Verification;
using NeuroCompiler.IR.Memory;
using NeuroCompiler.IR.Passes.Connect;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Builds every projection's synapses from its rule and the seed: the pairs, the per-synapse
/// delays and initial values, stored by presynaptic neuron and sorted by (delay, target), in the
/// narrowest types that hold them. Before allocating anything it estimates the memory the whole run
/// needs (<see cref="MemoryEstimate"/>: synapses, neurons, recordings, the process) and refuses a model
/// that would not fit, saying where the memory goes.
/// </summary>
public sealed class ConnectivityInstantiation : INetworkPass
{
    private readonly MemoryBudget _budget;

    public ConnectivityInstantiation(MemoryBudget budget) => _budget = budget;

    public string Name => "connectivity-instantiation";

    public IrStage Produces => IrStage.ConnectivityInstantiated;

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        var estimate = MemoryEstimate.Of(network, _budget.Footprint);
        if (estimate.Bytes > _budget.AvailableBytes)
        {
            diagnostics.Error(ErrorCode.ModelTooLarge, estimate.Largest.Location ?? network.Projections.FirstOrDefault()?.Location ?? network.Populations.FirstOrDefault()?.Location,
                $"the model needs about {MemoryEstimate.Size(estimate.Bytes)} ({estimate.Synapses:N0} synapses, {network.TotalNeurons:N0} neurons), " +
                $"more than the {MemoryEstimate.Size(_budget.AvailableBytes)} available; nothing was allocated: {estimate.Breakdown()}");
            return network;
        }
        // Every population's initial values, computed up front: synapse values are evaluated on all cores.
        var initial = network.Populations.Select(p => p.Model is null ? null : InitialValues.Compute(network, p)).ToArray();
        var projections = ImmutableArray.CreateBuilder<Projection>(network.Projections.Length);
        long uncollected = 0;
        foreach (var projection in network.Projections)
        {
            try
            {
                projections.Add(Build(network, projection, population => initial[population], diagnostics));
                uncollected = ReleaseScratch(uncollected + (projections[^1].Synapses?.Count ?? 0));
            }
            catch (ProjectionTooLargeException e)
            {
                diagnostics.Error(ErrorCode.ModelTooLarge, projection.Location,
                    $"projection '{projection.Name}' has {e.Synapses:N0} synapses, more than one projection can hold ({Array.MaxLength:N0}); split it into several");
                projections.Add(projection);
            }
        }
        var built = projections.MoveToImmutable();
        foreach (var recording in network.Recordings.OfType<SynapseTraceRecording>())
        {
            if (built[recording.Projection].Synapses is { } synapses && (recording.Stop ?? recording.Start + 1) > synapses.Count)
            {
                diagnostics.Error(ErrorCode.IndexOutOfRange, recording.Location,
                    $"projection '{built[recording.Projection].Name}' has {synapses.Count:N0} synapses (ranks 0 to {synapses.Count - 1}), so synapses [{recording.Start}:{recording.Stop ?? synapses.Count}] cannot be recorded");
            }
        }
        return network with { Projections = built };
    }

    /// <summary>Synapses built since the last collection beyond which their scratch is collected (12 to 20 MB of it).</summary>
    public const long CollectAfterSynapses = 1_000_000;

    /// <summary>
    /// A projection's scratch (drawn lists, float64 values, delays: 4 to 20 bytes a synapse) is garbage
    /// once it is built, but the collector may leave it in place while the next projections allocate
    /// their own, and the build's peak would grow with the number of projections. Collecting once a
    /// million synapses were built since the last collection keeps it near one projection's scratch, as
    /// <see cref="MemoryEstimate"/> counts it. Arrays of numbers hold no references to trace, so a full
    /// collection costs milliseconds. Returns the synapses built since the last collection.
    /// </summary>
    private static long ReleaseScratch(long uncollected)
    {
        if (uncollected < CollectAfterSynapses)
        {
            return uncollected;
        }
        GC.Collect();
        return 0;
    }

    private static Projection Build(Network network, Projection projection, Func<int, InitialValues?> initial, DiagnosticBag diagnostics)
    {
        var rows = Rows(network, projection, initial);
        var values = SynapseValues.Evaluate(network, projection, rows, initial);
        var delays = SynapseDelays.Evaluate(network, projection, rows, initial, values, diagnostics);
        if (delays is null)
        {
            return projection;
        }
        SynapseDelays.SortRows(rows, delays, values);
        var delayColumn = SynapseDelays.Compact(delays, out int minDelay, out int maxDelay);
        bool single = network.Settings.Precision == Runtime.Precision.Float32;
        var columns = values.Select(column => column is null ? null : single ? SynapseColumn.Single(ToSingle(column)) : SynapseColumn.Double(column));
        var connectivity = new Connectivity(ImmutableCollectionsMarshal.AsImmutableArray(rows.RowStart), rows.Targets.ToColumn(), delayColumn,
            minDelay, maxDelay, columns.ToImmutableArray());
        return projection with { Synapses = connectivity };
    }

    private static float[] ToSingle(double[] column)
    {
        var result = new float[column.Length];
        for (int k = 0; k < column.Length; k++)
        {
            result[k] = (float)column[k];
        }
        return result;
    }

    /// <summary>The pairs the rule makes, by source; each row's targets ascending.</summary>
    private static RowTable Rows(Network network, Projection projection, Func<int, InitialValues?> initial)
    {
        var pairs = ProjectionPairs.Of(network, projection, initial);
        int targetStart = projection.Target.Start;
        return projection.Rule.Descriptor.Draw(projection.Rule.Arguments, pairs) switch
        {
            PairDrawing.Rows rows => RowTable.ByRows(pairs.Sources, pairs.Targets, targetStart, rows.NewDrawer, rows.Expected),
            PairDrawing.Columns columns => RowTable.ByColumns(pairs.Sources, pairs.Targets, targetStart, columns.NewDrawer, columns.Expected),
            PairDrawing.SortedPairs sorted => RowTable.FromSortedPairs(pairs.Sources, pairs.Targets, targetStart, sorted.Pairs),
            var other => throw new InvalidOperationException($"unknown pair drawing {other}"),
        };
    }
}
