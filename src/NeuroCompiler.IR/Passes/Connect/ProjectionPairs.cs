using System.Collections.Immutable;
using NeuroCompiler.ConnectRules;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>A projection's pairs as its rule sees them (<see cref="PairSpace"/>), for its estimate and its drawing.</summary>
internal static class ProjectionPairs
{
    /// <param name="initial">Every population's initial values, which per-pair expressions read; null for the estimate, which evaluates none.</param>
    public static PairSpace Of(Network network, Projection projection, Func<int, InitialValues?>? initial)
    {
        var source = projection.Source;
        var target = projection.Target;
        bool excludeAutapses = !projection.Autapses && source.Population == target.Population;
        var functions = projection.Rule.PairExpressions
            .Select(e => new PairFunction(e is IrConstant c ? c.Value : null, () => Evaluator(network, projection, e, initial)))
            .ToImmutableArray();
        return new PairSpace(network.Settings.Seed, projection.Rule.Stream, source.Count, target.Count, excludeAutapses, target.Start - source.Start,
            projection.Multapses, Positions(network, source), Positions(network, target), functions);
    }

    private static RangePositions? Positions(Network network, PopulationRange range) =>
        network.Populations[range.Population].Positions is { } p ? new RangePositions(p.X, p.Y, p.Z, range.Start) : null;

    /// <summary>The expression for pair (s, t) of the ranges; random draws in it are keyed by (s, t). One environment per evaluator: they are not shared between threads.</summary>
    private static Func<int, int, double> Evaluator(Network network, Projection projection, IrExpression expression, Func<int, InitialValues?>? initial)
    {
        var environment = new SynapseEnvironment(network, projection, initial ?? throw new InvalidOperationException("per-pair expressions are evaluated only while connecting"),
            (_, _) => throw new InvalidOperationException("synapse values are not known while connecting"));
        return (s, t) =>
        {
            environment.Pre = projection.Source.Start + s;
            environment.Post = projection.Target.Start + t;
            environment.RandomIndex = (uint)s;
            environment.RandomStep = (ulong)t;
            return ScalarEvaluator.Evaluate(expression, environment);
        };
    }
}
