using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

// Projections: the synapse model, its per-synapse values, the rule and the delay.
internal sealed partial class ModelLowerer
{
    private Projection LowerProjection(BoundProjection projection, int index)
    {
        var synapse = projection.Synapse;
        var pre = _neuronContexts[projection.Source.Population];
        var post = _neuronContexts[projection.Target.Population];
        var parameterSlots = synapse.Parameters.Select((p, i) => (p.Symbol, i)).ToDictionary(p => p.Symbol, p => p.i);
        var stateSlots = synapse.States.Select((s, i) => (s.Symbol, i)).ToDictionary(p => p.Symbol, p => p.i);
        var lets = synapse.Lets.ToDictionary(l => l.Symbol, l => l.Value);
        var letCache = new Dictionary<VariableSymbol, IrExpression>();

        IrExpression? Resolve(VariableSymbol symbol, VariableSide side)
        {
            if (parameterSlots.TryGetValue(symbol, out int p))
            {
                return new IrVariable(new VariableRef(VariableSpace.SynapseParameter, p));
            }
            if (stateSlots.TryGetValue(symbol, out int s))
            {
                return new IrVariable(new VariableRef(VariableSpace.SynapseState, s));
            }
            if (lets.TryGetValue(symbol, out var value))
            {
                if (!letCache.TryGetValue(symbol, out var lowered))
                {
                    lowered = new ExpressionLowerer(Resolve, $"{projection.Name}/let:{symbol.Name}").Lower(value);
                    letCache[symbol] = lowered;
                }
                return lowered;
            }
            if (symbol.Kind is VariableKind.GlobalParameter or VariableKind.Signal)
            {
                return GlobalVariable(symbol);
            }
            if (symbol == Builtins.I || symbol == Builtins.J)
            {
                return new IrVariable(new VariableRef(VariableSpace.Index, 0, symbol == Builtins.I ? Side.Pre : Side.Post));
            }
            if (symbol == Builtins.Distance)
            {
                return new IrVariable(new VariableRef(VariableSpace.Distance));
            }
            if (symbol == Builtins.Time || symbol == Builtins.Dt)
            {
                return new IrVariable(symbol == Builtins.Time ? VariableRef.Time : VariableRef.Dt);
            }
            return side switch
            {
                VariableSide.Pre => pre.Resolve(symbol, Side.Pre),
                VariableSide.Post => post.Resolve(symbol, Side.Post),
                _ => null,
            };
        }

        ExpressionLowerer Lowerer(string place) => new(Resolve, $"{projection.Name}/{place}");

        var initializers = projection.Initializers.ToDictionary(i => i.Symbol, i => i.Value);
        var written = synapse.OnPre.Concat(synapse.OnPost).Concat(synapse.ClockRules.SelectMany(r => r.Statements)).Select(s => s.Target)
            .Concat(_model.Spreads.Where(s => s.Target == projection).Select(s => s.TargetVariable)) // changed by spreads from other projections
            .ToHashSet();
        var parameters = synapse.Parameters.Select(p =>
        {
            var value = Lowerer($"param:{p.Symbol.Name}").Lower(initializers.GetValueOrDefault(p.Symbol, p.Value));
            bool perSynapse = written.Contains(p.Symbol) || value.Any(VariesPerSynapse);
            return new Variable(p.Symbol.Name, p.Symbol.Dimension, value, perSynapse, written.Contains(p.Symbol));
        }).ToImmutableArray();
        var states = synapse.States.Select(s => new Variable(s.Symbol.Name, s.Symbol.Dimension,
            Lowerer($"state:{s.Symbol.Name}").Lower(initializers.GetValueOrDefault(s.Symbol, s.Value)), PerElement: true, Mutable: true)).ToImmutableArray();
        // White noise in synapse equations: xi is noise 0, xi_2 noise 1, ... (one normal per synapse and step each).
        var noises = new List<string>();
        int Noise(string name)
        {
            if (!noises.Contains(name))
            {
                noises.Add(name);
            }
            return noises.IndexOf(name);
        }
        var odes = synapse.Odes.Select(o => new Ode(stateSlots[o.State], new ExpressionLowerer(Resolve, $"{projection.Name}/ode:{o.State.Name}", Noise).Lower(o.Rhs),
            new Core.Text.SourceLocation(o.State.Location!.Text, o.Span), o.EventDriven)).ToImmutableArray();

        VariableRef Target(VariableSymbol symbol, VariableSide side) => Resolve(symbol, side) is IrVariable v
            ? v.Ref
            : throw new InvalidOperationException($"'{symbol.Name}' is not assignable");
        var onPre = LowerStatements(synapse.OnPre, Lowerer("on_pre"), Target);
        var onPost = LowerStatements(synapse.OnPost, Lowerer("on_post"), Target);
        var clockRules = synapse.ClockRules.Select((r, k) => new ClockRule((int)Math.Max(1, Steps(r.Interval)),
            LowerStatements(r.Statements, Lowerer($"every:{k}"), Target), r.Location)).ToImmutableArray();
        var structure = synapse.Structure.Select(r => new StructuralRule(r.Kind == Syntax.StructuralKind.Prune ? StructuralKind.Prune : StructuralKind.Grow,
            (int)Math.Max(1, Steps(r.Interval)), Lowerer(r.Kind == Syntax.StructuralKind.Prune ? "prune" : "grow").Lower(r.Condition), r.Location)).ToImmutableArray();
        var model = new SynapseModel(synapse.TypeName, parameters, states, odes, synapse.Method, null, onPre, onPost)
        {
            ClockRules = clockRules,
            Structure = structure,
        };

        var connectivity = projection.Connectivity;
        var rule = new ConnectivityRule(connectivity.Arguments, connectivity.PairExpressions.Select(Lowerer("connect").Lower).ToImmutableArray(),
            CounterRng.StreamId($"{projection.Name}/connect"));
        // Without a delay, a spike arrives one step later: the shortest delay the clock allows.
        var delay = projection.Delay is { } d ? Lowerer("delay").Lower(d) : new IrConstant(Dt);
        CheckPositions(projection, parameters.Select(p => p.Initial).Concat(states.Select(v => v.Initial)).Concat(rule.PairExpressions).Append(delay)
            .Concat(structure.Select(r => r.Condition)).Concat(onPre.Concat(onPost).Concat(clockRules.SelectMany(r => r.Statements)).Select(a => a.Value)));
        return new Projection(projection.Name, index, Range(projection.Source), Range(projection.Target), model, rule, delay, null,
            projection.Autapses, projection.Multapses, null, projection.Location, projection.DelayLocation);
    }

    /// <summary>
    /// Distances and pre.x, post.y, ... need positions: NC0114 at the projection when a population they
    /// read has no layout (the connectivity pass would have nothing to read).
    /// </summary>
    private void CheckPositions(BoundProjection projection, IEnumerable<IrExpression> expressions)
    {
        var reads = expressions.SelectMany(e => PositionReads(e)).ToHashSet();
        foreach (var (side, population) in new[] { (Side.Pre, projection.Source.Population), (Side.Post, projection.Target.Population) })
        {
            string? what = reads.Contains(null) ? "distance" : reads.Contains(side) ? $"{(side == Side.Pre ? "pre" : "post")}.x, .y or .z" : null;
            if (population.Layout is null && what is not null)
            {
                _diagnostics.Error(ErrorCode.NameNotAvailableHere, projection.Location,
                    $"projection '{projection.Name}' uses {what}, but population '{population.Name}' has no layout to give its neurons positions");
            }
        }
    }

    /// <summary>The sides whose positions an expression reads: Pre or Post for pre.x, post.y, ...; null for distance (both).</summary>
    private static List<Side?> PositionReads(IrExpression expression)
    {
        var sides = new List<Side?>();
        expression.Any(e =>
        {
            switch (e)
            {
                case IrVariable { Ref.Space: VariableSpace.Distance }:
                    sides.Add(null);
                    break;
                case IrVariable { Ref: { Space: VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ } r }:
                    sides.Add(r.Side == Side.Post ? Side.Post : Side.Pre);
                    break;
            }
            return false;
        });
        return sides;
    }

    private static bool VariesPerSynapse(IrExpression e) => e switch
    {
        IrRandom => true,
        IrVariable { Ref.Space: VariableSpace.Index or VariableSpace.Distance or VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ } => true,
        IrVariable { Ref.Space: VariableSpace.NeuronParameter or VariableSpace.NeuronState or VariableSpace.SynapseState } => true,
        IrVariable { Ref.Space: VariableSpace.SynapseParameter } => true,
        _ => false,
    };
}
