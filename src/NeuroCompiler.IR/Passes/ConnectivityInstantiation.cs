using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR.Passes.Connect;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// Builds every projection's synapses from its rule and the seed: the pairs, the per-synapse
/// delays and initial values, stored by presynaptic neuron and sorted by (delay, target). Before
/// allocating anything it estimates the memory the model needs and refuses a model that would not fit.
/// </summary>
public sealed class ConnectivityInstantiation : INetworkPass
{
    private readonly long _memoryBudget;

    public ConnectivityInstantiation(long memoryBudgetBytes) => _memoryBudget = memoryBudgetBytes;

    public string Name => "connectivity-instantiation";

    public Network Run(Network network, DiagnosticBag diagnostics)
    {
        var estimate = MemoryEstimate.Of(network);
        if (estimate.Bytes > _memoryBudget)
        {
            diagnostics.Error(ErrorCode.ModelTooLarge, network.Projections.FirstOrDefault()?.Location ?? network.Populations.FirstOrDefault()?.Location,
                $"the model needs about {MemoryEstimate.Gib(estimate.Bytes)} ({estimate.Synapses:N0} synapses, {network.TotalNeurons:N0} neurons), " +
                $"more than the {MemoryEstimate.Gib(_memoryBudget)} available; nothing was allocated");
            return network;
        }
        var initial = new Dictionary<int, InitialValues?>();
        InitialValues? Initial(int population) => initial.TryGetValue(population, out var v) ? v :
            initial[population] = network.Populations[population].Model is null ? null : InitialValues.Compute(network, network.Populations[population]);
        var projections = network.Projections.Select(p => Build(network, p, Initial, diagnostics)).ToImmutableArray();
        return network with { Projections = projections };
    }

    private static Projection Build(Network network, Projection projection, Func<int, InitialValues?> initial, DiagnosticBag diagnostics)
    {
        var source = projection.Source;
        var target = projection.Target;
        bool excludeAutapses = !projection.Autapses && source.Population == target.Population;
        var generator = new PairGenerator(network.Settings.Seed, projection.Rule.Stream, source.Count, target.Count, excludeAutapses, target.Start - source.Start);
        var pre = new List<int>();
        var post = new List<int>();
        void Add(int s, int t)
        {
            pre.Add(s);
            post.Add(t);
        }
        var rule = projection.Rule;
        switch (rule.Kind)
        {
            case ConnectivityRuleKind.AllToAll:
                generator.AllToAll(Add);
                break;
            case ConnectivityRuleKind.OneToOne:
                generator.OneToOne(Add);
                break;
            case ConnectivityRuleKind.FixedProbability:
                generator.FixedProbability(rule.Value, Add);
                break;
            case ConnectivityRuleKind.FixedIndegree:
                generator.FixedIndegree((int)rule.Value, projection.Multapses, Add);
                break;
            case ConnectivityRuleKind.FixedOutdegree:
                generator.FixedOutdegree((int)rule.Value, projection.Multapses, Add);
                break;
            case ConnectivityRuleKind.FixedTotal:
                generator.FixedTotal((long)rule.Value, projection.Multapses, Add);
                break;
            case ConnectivityRuleKind.Probability:
                var environment = new SynapseEnvironment(network, projection, initial, (_, _) => throw new InvalidOperationException("synapse values are not known while connecting"));
                generator.Probability((s, t) =>
                {
                    environment.Pre = source.Start + s;
                    environment.Post = target.Start + t;
                    environment.RandomIndex = (uint)s;
                    environment.RandomStep = (ulong)t;
                    return ScalarEvaluator.Evaluate(rule.Probability!, environment);
                }, Add);
                break;
        }

        // Canonical order: by source, then target. Every generator yields targets in ascending order
        // for each source, so a stable counting sort by source is enough (indegree yields target-major).
        int count = pre.Count;
        var rowStart = new int[source.Count + 1];
        foreach (int s in pre)
        {
            rowStart[s + 1]++;
        }
        for (int s = 0; s < source.Count; s++)
        {
            rowStart[s + 1] += rowStart[s];
        }
        var canonicalPre = new int[count];
        var canonicalPost = new int[count];
        var next = (int[])rowStart.Clone();
        for (int k = 0; k < count; k++)
        {
            int slot = next[pre[k]]++;
            canonicalPre[slot] = pre[k];
            canonicalPost[slot] = target.Start + post[k];
        }
        pre.Clear();
        post.Clear();

        var values = SynapseValues(network, projection, canonicalPre, canonicalPost, initial);
        var delays = Delays(network, projection, canonicalPre, canonicalPost, initial, values, diagnostics);
        if (delays is null)
        {
            return projection;
        }

        // Within a row, by delay then target: the order spikes are delivered in.
        var final = Enumerable.Range(0, count).ToArray();
        if (projection.ConstantDelaySteps is null)
        {
            var keys = new long[count];
            for (int k = 0; k < count; k++)
            {
                keys[k] = ((long)delays[k] << 32) | (uint)canonicalPost[k];
            }
            for (int s = 0; s < source.Count; s++)
            {
                Array.Sort(keys, final, rowStart[s], rowStart[s + 1] - rowStart[s]);
            }
        }
        var targets = new int[count];
        var finalDelays = new int[count];
        for (int k = 0; k < count; k++)
        {
            targets[k] = canonicalPost[final[k]];
            finalDelays[k] = delays[final[k]];
        }
        var finalValues = values.Select(column => column is null ? (ImmutableArray<double>?)null : Wrap(final.Select(k => column[k]).ToArray())).ToImmutableArray();
        var connectivity = new Connectivity(Wrap(rowStart), Wrap(targets), Wrap(finalDelays),
            count == 0 ? 1 : finalDelays.Min(), count == 0 ? 1 : finalDelays.Max(), finalValues);
        return projection with { Synapses = connectivity };
    }

    private static ImmutableArray<T> Wrap<T>(T[] array) => ImmutableCollectionsMarshal.AsImmutableArray(array);

    /// <summary>Initial values of per-synapse variables (parameters then states), evaluated per synapse in canonical order.</summary>
    private static double[]?[] SynapseValues(Network network, Projection projection, int[] pre, int[] post, Func<int, InitialValues?> initial)
    {
        var model = projection.Synapse;
        var variables = model.Parameters.Concat(model.States).ToArray();
        var columns = new double[]?[variables.Length];
        var busy = new bool[variables.Length];
        SynapseEnvironment? environment = null;
        double Value(int variable, int synapse)
        {
            if (!variables[variable].PerElement)
            {
                return variables[variable].Initial is IrConstant c ? c.Value : ScalarEvaluator.Evaluate(variables[variable].Initial, environment!);
            }
            return Column(variable)[synapse];
        }
        double[] Column(int variable)
        {
            if (columns[variable] is { } done)
            {
                return done;
            }
            if (busy[variable])
            {
                throw new InvalidOperationException("synapse values depend on each other in a cycle");
            }
            busy[variable] = true;
            var column = new double[pre.Length];
            var env = new SynapseEnvironment(network, projection, initial, Value);
            for (int k = 0; k < pre.Length; k++)
            {
                env.Pre = projection.Source.Start + pre[k];
                env.Post = post[k];
                env.Synapse = k;
                env.RandomIndex = (uint)k;
                env.RandomStep = 0;
                column[k] = ScalarEvaluator.Evaluate(variables[variable].Initial, env);
            }
            busy[variable] = false;
            columns[variable] = column;
            return column;
        }
        environment = new SynapseEnvironment(network, projection, initial, Value);
        for (int v = 0; v < variables.Length; v++)
        {
            if (variables[v].PerElement)
            {
                Column(v);
            }
        }
        return columns;
    }

    private static int[]? Delays(Network network, Projection projection, int[] pre, int[] post, Func<int, InitialValues?> initial,
        double[]?[] values, DiagnosticBag diagnostics)
    {
        var delays = new int[pre.Length];
        if (projection.ConstantDelaySteps is { } constant)
        {
            Array.Fill(delays, constant);
            return delays;
        }
        var environment = new SynapseEnvironment(network, projection, initial, (v, k) => values[v]?[k] ?? 0);
        double dt = network.Settings.Dt;
        for (int k = 0; k < pre.Length; k++)
        {
            environment.Pre = projection.Source.Start + pre[k];
            environment.Post = post[k];
            environment.Synapse = k;
            environment.RandomIndex = (uint)k;
            environment.RandomStep = 1; // a different draw from the synapse's values at step 0
            double delay = ScalarEvaluator.Evaluate(projection.Delay, environment);
            int steps = DelayDiscretisation.ToSteps(delay, dt);
            if (steps < 1 || double.IsNaN(delay))
            {
                diagnostics.Error(ErrorCode.DelayShorterThanStep, projection.DelayLocation ?? projection.Location,
                    $"projection '{projection.Name}': synapse {pre[k]} -> {post[k]} has a delay of {delay * 1e3:G6} ms, shorter than one time step ({dt * 1e3:G6} ms); clip it, e.g. max(delay, dt)");
                return null;
            }
            delays[k] = steps;
        }
        return delays;
    }
}
