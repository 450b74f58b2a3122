using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Time;
using NeuroCompiler.IR;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

internal sealed partial class ModelLowerer
{
    private readonly BoundModel _model;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<VariableSymbol, int> _globalSlots = new();
    private readonly Dictionary<VariableSymbol, int> _signalSlots = new();
    private readonly Dictionary<BoundPopulation, int> _populationIndex = new();
    private readonly Dictionary<BoundPopulation, NeuronContext> _neuronContexts = new();
    private readonly HashSet<(BoundPopulation, VariableSymbol)> _mutable = new();
    private readonly HashSet<(BoundPopulation, VariableSymbol)> _forcedPerElement = new();
    private readonly HashSet<VariableSymbol> _mutableGlobals = new();
    private readonly Dictionary<BoundStimulus, List<int>> _stimulusIndices = new();

    private ImmutableArray<GlobalParameter> _globals = ImmutableArray<GlobalParameter>.Empty;

    public ModelLowerer(BoundModel model) => _model = model;

    private double Dt => _model.Settings.Dt;

    public LoweringResult Run()
    {
        FindWrittenVariables();
        var settings = new ModelSettings(_model.Settings.Name, Dt, Steps(_model.Settings.Duration ?? 0), _model.Settings.Seed, _model.Settings.Precision);
        var globals = LowerGlobals();
        _globals = globals;
        var signals = LowerSignals();
        for (int i = 0; i < _model.Populations.Length; i++)
        {
            _populationIndex[_model.Populations[i]] = i;
            _neuronContexts[_model.Populations[i]] = new NeuronContext(_model.Populations[i], GlobalVariable);
        }
        var populations = _model.Populations.Select((p, i) => LowerPopulation(p, i)).ToImmutableArray();
        var projections = _model.Projections.Select((p, i) => LowerProjection(p, i)).ToImmutableArray();
        var stimuli = LowerStimuli();
        var protocol = LowerProtocol();
        var recordings = LowerRecordings();
        var network = new Network(settings, globals, signals, populations, projections, stimuli, protocol, recordings)
        {
            Spreads = LowerSpreads(),
            Tasks = _model.Tasks.Select(t => new TaskTrial(t.Name, Steps(t.Time), Math.Max(1, Steps(t.Duration)), Range(t.Target), Range(t.Reference), t.Location))
                .ToImmutableArray(),
        };
        return new LoweringResult(_diagnostics.HasErrors ? null : network, _diagnostics.ToSortedList().ToImmutableArray());
    }

    private ImmutableArray<Spread> LowerSpreads() => _model.Spreads.Select(s => new Spread(
        _model.Projections.IndexOf(s.Source), _model.Projections.IndexOf(s.Target),
        SynapseVariable(s.Source, s.Variable), SynapseVariable(s.Target, s.TargetVariable), s.Fraction,
        s.Direction == Semantics.SpreadDirection.Backward ? IR.SpreadDirection.Backward : IR.SpreadDirection.Lateral, s.Location)).ToImmutableArray();

    /// <summary>Where a param or state of a projection's synapses lives in the IR.</summary>
    private static VariableRef SynapseVariable(BoundProjection projection, VariableSymbol symbol)
    {
        int parameter = projection.Synapse.Parameters.Select(m => m.Symbol).ToList().IndexOf(symbol);
        return parameter >= 0 ? new VariableRef(VariableSpace.SynapseParameter, parameter)
            : new VariableRef(VariableSpace.SynapseState, projection.Synapse.States.Select(m => m.Symbol).ToList().IndexOf(symbol));
    }

    /// <summary>Whole steps in a time the binder has checked (<see cref="TimeSteps"/>).</summary>
    private long Steps(double time) => TimeSteps.Of(time, Dt);

    private IrExpression? GlobalVariable(VariableSymbol symbol) =>
        _globalSlots.TryGetValue(symbol, out int slot) ? new IrVariable(new VariableRef(VariableSpace.Global, slot))
        : _signalSlots.TryGetValue(symbol, out int signal) ? new IrVariable(new VariableRef(VariableSpace.Signal, signal))
        : null;

    private Signals LowerSignals()
    {
        var variables = ImmutableArray.CreateBuilder<SignalVariable>();
        foreach (var signal in _model.Signals)
        {
            _signalSlots[signal.Symbol] = variables.Count;
            variables.Add(new SignalVariable(signal.Symbol.Name, signal.Symbol.Dimension, signal.Initial));
        }
        var noises = new List<string>();
        int Noise(string name)
        {
            if (!noises.Contains(name))
            {
                noises.Add(name);
            }
            return noises.IndexOf(name);
        }
        IrExpression? Resolve(VariableSymbol symbol, VariableSide side) => symbol.Kind switch
        {
            VariableKind.GlobalParameter or VariableKind.Signal => GlobalVariable(symbol),
            _ when symbol == Builtins.Time => new IrVariable(VariableRef.Time),
            _ when symbol == Builtins.Dt => new IrVariable(VariableRef.Dt),
            _ => null,
        };
        var odes = _model.Signals.Where(s => s.Ode is not null)
            .Select(s => new Ode(_signalSlots[s.Symbol], new ExpressionLowerer(Resolve, $"signals/ode:{s.Symbol.Name}", Noise).Lower(s.Ode!.Rhs),
                new Core.Text.SourceLocation(s.Symbol.Location!.Text, s.Ode.Span)))
            .ToImmutableArray();
        return new Signals(variables.ToImmutable(), odes, null);
    }

    private ImmutableArray<GlobalParameter> LowerGlobals()
    {
        var result = ImmutableArray.CreateBuilder<GlobalParameter>();
        foreach (var global in _model.Globals)
        {
            _globalSlots[global.Symbol] = result.Count;
            result.Add(new GlobalParameter(global.Symbol.Name, global.Symbol.Dimension, global.Evaluated, _mutableGlobals.Contains(global.Symbol)));
        }
        return result.ToImmutable();
    }

    private PopulationRange Range(BoundSlice slice) => new(_populationIndex[slice.Population], slice.Start, slice.Count);

    /// <summary>Which variables the protocol and the stimuli write: those change during the run, and per neuron when only part of a population is written.</summary>
    private void FindWrittenVariables()
    {
        foreach (var stimulus in _model.Stimuli.OfType<BoundCurrentInjection>())
        {
            foreach (var target in stimulus.Targets)
            {
                _mutable.Add((target.Slice.Population, target.Variable));
                _forcedPerElement.Add((target.Slice.Population, target.Variable));
            }
        }
        foreach (var e in _model.Protocol.Events)
        {
            switch (e.Action)
            {
                case BoundSetAction { Target: GlobalTarget g }:
                    _mutableGlobals.Add(g.Parameter);
                    break;
                case BoundSetAction { Target: PopulationVariableTarget p }:
                    _mutable.Add((p.Target.Slice.Population, p.Target.Variable));
                    if (!p.Target.Slice.IsWhole)
                    {
                        _forcedPerElement.Add((p.Target.Slice.Population, p.Target.Variable));
                    }
                    break;
            }
        }
    }
}
