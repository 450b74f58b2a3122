using System.Collections.Immutable;
using NeuroCompiler.IR;
using NeuroCompiler.Runtime;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

// Stimuli (one IR stimulus per target), the protocol (times to steps) and recordings.
internal sealed partial class ModelLowerer
{
    private ImmutableArray<Stimulus> LowerStimuli()
    {
        var result = ImmutableArray.CreateBuilder<Stimulus>();
        foreach (var stimulus in _model.Stimuli)
        {
            var indices = new List<int>();
            _stimulusIndices[stimulus] = indices;
            for (int k = 0; k < stimulus.Targets.Length; k++)
            {
                var target = stimulus.Targets[k];
                var context = _neuronContexts[target.Slice.Population];
                string name = stimulus.Targets.Length == 1 ? stimulus.Name : $"{stimulus.Name}#{k}";
                indices.Add(result.Count);
                switch (stimulus)
                {
                    case BoundPoissonInput poisson:
                        result.Add(new PoissonInput(name, result.Count, Range(target.Slice), context.StateSlot(target.Variable), poisson.Count,
                            Constant(poisson.Rate), Constant(poisson.Weight), CounterRng.StreamId($"stimulus:{name}")));
                        break;
                    case BoundCurrentInjection current:
                        result.Add(new CurrentInjection(name, result.Count, Range(target.Slice), context.ParameterSlot(target.Variable),
                            current.Times.Select(Steps).ToImmutableArray(), current.Values));
                        break;
                }
            }
        }
        return result.ToImmutable();
    }

    private double Constant(BoundExpression expression)
    {
        var lowered = new ExpressionLowerer((symbol, _) => GlobalVariable(symbol), "constant").Lower(expression);
        return ScalarEvaluator.TryConstant(lowered, _globals, Dt) ?? throw new InvalidOperationException("the binder checked this is constant");
    }

    private ImmutableArray<ProtocolEvent> LowerProtocol()
    {
        var result = ImmutableArray.CreateBuilder<ProtocolEvent>();
        foreach (var e in _model.Protocol.Events)
        {
            long step = Steps(e.Time);
            long? until = e.Until is { } u ? Steps(u) : null;
            foreach (var action in LowerAction(e.Action))
            {
                result.Add(new ProtocolEvent(step, until, action));
            }
        }
        return result.ToImmutable();
    }

    private IEnumerable<ProtocolAction> LowerAction(BoundAction action)
    {
        switch (action)
        {
            case BoundSetAction { Target: GlobalTarget g } set:
                yield return new SetGlobal(_globalSlots[g.Parameter], set.Value);
                break;
            case BoundSetAction { Target: PopulationVariableTarget p } set:
                yield return new SetParameter(Range(p.Target.Slice), _neuronContexts[p.Target.Slice.Population].ParameterSlot(p.Target.Variable), set.Value);
                break;
            case BoundSetAction { Target: StimulusRateTarget r } set:
                foreach (int index in _stimulusIndices[r.Stimulus])
                {
                    yield return new SetRate(index, set.Value);
                }
                break;
            case BoundSilenceAction silence:
                yield return new Silence(Range(silence.Slice));
                break;
            case BoundSignalKickAction kick:
                yield return new KickSignal(_signalSlots[kick.Signal], OperatorOf(kick.Operator), kick.Value);
                break;
            case BoundKickAction kick:
                yield return new Kick(Range(kick.Target.Slice), _neuronContexts[kick.Target.Slice.Population].StateSlot(kick.Target.Variable),
                    OperatorOf(kick.Operator), kick.Value);
                break;
        }
    }

    private ImmutableArray<Recording> LowerRecordings()
    {
        var result = ImmutableArray.CreateBuilder<Recording>();
        foreach (var recording in _model.Recordings)
        {
            switch (recording)
            {
                case BoundSpikeRecording spikes:
                    result.Add(new SpikeRecording(Range(spikes.Slice), spikes.Location));
                    break;
                case BoundRateRecording rate:
                    result.Add(new RateRecording(Range(rate.Slice), (int)Math.Max(1, Steps(rate.Bin)), rate.Location));
                    break;
                case BoundTraceRecording trace:
                    var value = _neuronContexts[trace.Slice.Population].Resolve(trace.Variable, Side.Self)!;
                    result.Add(new TraceRecording(Range(trace.Slice), trace.Variable.Name, value, (int)Math.Max(1, Steps(trace.Interval)), trace.Location));
                    break;
                case BoundSynapseTraceRecording synapses:
                    {
                        int index = _model.Projections.IndexOf(synapses.Projection);
                        var variable = SynapseVariable(synapses.Projection, synapses.Variable);
                        result.Add(new SynapseTraceRecording(index, synapses.Start, synapses.Stop, synapses.Variable.Name, variable,
                            (int)Math.Max(1, Steps(synapses.Interval)), synapses.Location));
                        break;
                    }
                case BoundSignalRecording signal:
                    result.Add(new SignalRecording(_signalSlots[signal.Signal], (int)Math.Max(1, Steps(signal.Interval)), signal.Location));
                    break;
            }
        }
        return result.ToImmutable();
    }
}
