using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;
using NeuroCompiler.Semantics;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Lowering;

// Populations: the neuron model each one uses, with its values, equations and spike rules.
internal sealed partial class ModelLowerer
{
    private Population LowerPopulation(BoundPopulation population, int index)
    {
        var positions = population.Layout is { } layout ? LayoutBuilder.Build(layout, population.Size, population.Name, _model.Settings.Seed) : null;
        if (population.SpikeTimes is { } spikes)
        {
            return new Population(population.Name, index, population.Size, null, LowerSpikeTimes(spikes), positions, population.Location);
        }
        var type = population.Type!;
        var context = _neuronContexts[population];
        var overrides = population.Overrides.ToDictionary(o => o.Symbol, o => o.Value);

        var parameterValues = type.Parameters.Select(p => context.Lowerer($"param:{p.Symbol.Name}").Lower(overrides.GetValueOrDefault(p.Symbol, p.Value))).ToList();
        var stateValues = type.States.Select(s => context.Lowerer($"state:{s.Symbol.Name}").Lower(overrides.GetValueOrDefault(s.Symbol, s.Value))).ToList();
        var perElement = PerElementParameters(type, population, parameterValues);
        var parameters = type.Parameters.Select((p, i) => new Variable(p.Symbol.Name, p.Symbol.Dimension, parameterValues[i], perElement[i],
            _mutable.Contains((population, p.Symbol)))).ToImmutableArray();
        var states = type.States.Select((s, i) => new Variable(s.Symbol.Name, s.Symbol.Dimension, stateValues[i], PerElement: true, Mutable: true)).ToImmutableArray();

        var odes = type.Odes.Select(o => new Ode(context.StateSlot(o.State), context.Lowerer($"ode:{o.State.Name}").Lower(o.Rhs),
            new Core.Text.SourceLocation(o.State.Location!.Text, o.Span))).ToImmutableArray();
        var threshold = type.Threshold is null ? null : context.Lowerer("threshold").Lower(type.Threshold);
        var reset = LowerStatements(type.Reset, context.Lowerer("reset"), (symbol, _) => symbol.Kind == VariableKind.Signal
            ? ((IrVariable)GlobalVariable(symbol)!).Ref
            : new VariableRef(VariableSpace.NeuronState, context.StateSlot(symbol)));
        Refractory? refractory = type.Refractory is { } r
            ? new Refractory(context.Lowerer("refractory").Lower(r.Period), r.Clamped.Select(context.StateSlot).ToImmutableArray(), null)
            : null;
        var noiseStreams = context.Noises.Select(n => CounterRng.StreamId($"{population.Name}/noise:{n}")).ToImmutableArray();

        if (context.UsedPositions && positions is null)
        {
            _diagnostics.Error(ErrorCode.NameNotAvailableHere, population.Location,
                $"neuron type '{type.Name}' uses positions (x, y, z), but population '{population.Name}' has no layout");
        }
        var model = new NeuronModel(type.Name, parameters, states, odes, type.Method, type.MethodLocation, null, threshold, reset, refractory, noiseStreams);
        return new Population(population.Name, index, population.Size, model, null, positions, population.Location);
    }

    /// <summary>
    /// A parameter needs one value per neuron when its value is random or depends on the neuron
    /// (index, position, a state, another per-neuron parameter), or when part of the population is written.
    /// </summary>
    private bool[] PerElementParameters(BoundNeuronType type, BoundPopulation population, List<IrExpression> values)
    {
        var perElement = type.Parameters.Select(p => _forcedPerElement.Contains((population, p.Symbol))).ToArray();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < perElement.Length; i++)
            {
                if (!perElement[i] && values[i].Any(e => VariesPerElement(e, perElement)))
                {
                    perElement[i] = true;
                    changed = true;
                }
            }
        }
        return perElement;
    }

    private static bool VariesPerElement(IrExpression e, bool[] perElementParameters) => e switch
    {
        IrRandom => true,
        IrVariable { Ref.Space: VariableSpace.Index or VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ or VariableSpace.NeuronState } => true,
        IrVariable { Ref: { Space: VariableSpace.NeuronParameter, Slot: var slot } } => perElementParameters[slot],
        _ => false,
    };

    private static ImmutableArray<Assignment> LowerStatements(ImmutableArray<BoundStatement> statements, ExpressionLowerer lowerer,
        Func<VariableSymbol, VariableSide, VariableRef> target) =>
        statements.Select(s => new Assignment(target(s.Target, s.Side), OperatorOf(s.Operator), lowerer.Lower(s.Value))).ToImmutableArray();

    private static AssignOperator OperatorOf(AssignmentOperator op) => op switch
    {
        AssignmentOperator.AddAssign => AssignOperator.Add,
        AssignmentOperator.SubtractAssign => AssignOperator.Subtract,
        AssignmentOperator.MultiplyAssign => AssignOperator.Multiply,
        AssignmentOperator.DivideAssign => AssignOperator.Divide,
        _ => AssignOperator.Assign,
    };

    private SpikeSource LowerSpikeTimes(BoundSpikeTimes spikes)
    {
        var pairs = spikes.Times.Select((t, k) => (Step: Steps(t), Index: spikes.Indices[k])).OrderBy(p => p.Step).ThenBy(p => p.Index).ToList();
        long? period = spikes.Period is { } p ? Math.Max(1, Steps(p)) : null;
        return new SpikeSource(pairs.Select(p => p.Step).ToImmutableArray(), pairs.Select(p => p.Index).ToImmutableArray(), period);
    }
}
