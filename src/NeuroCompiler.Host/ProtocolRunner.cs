using System.Numerics;
using NeuroCompiler.Interpreter;
using NeuroCompiler.Interpreter.Vector;
using NeuroCompiler.IR;

namespace NeuroCompiler.Host;

/// <summary>
/// Applies the protocol at the start of each step. An event with an end step saves what it
/// overwrote and puts it back at that step; at one step, restorations run first (latest first),
/// then the step's events in the order written.
/// </summary>
internal sealed class ProtocolRunner<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly PopulationRuntime<T>[] _populations;
    private readonly Box<T>?[] _globals;
    private readonly StimulusRunner<T> _stimuli;
    private readonly T[][] _signals;
    private readonly List<ProtocolEvent> _events;
    private readonly List<(long Step, Action Restore)> _pending = new();
    private int _next;

    public ProtocolRunner(Network network, PopulationRuntime<T>[] populations, Box<T>?[] globals, StimulusRunner<T> stimuli, T[][] signals)
    {
        _signals = signals;
        _populations = populations;
        _globals = globals;
        _stimuli = stimuli;
        _events = network.Protocol.OrderBy(e => e.Step).ToList(); // stable: equal steps keep their order
    }

    /// <summary>Whether <see cref="Apply"/> does anything at this step (an event, or a restoration).</summary>
    public bool Acts(long step) =>
        (_next < _events.Count && _events[_next].Step <= step) || _pending.Any(p => p.Step == step);

    public void Apply(long step)
    {
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].Step == step)
            {
                _pending[i].Restore();
                _pending.RemoveAt(i);
            }
        }
        while (_next < _events.Count && _events[_next].Step <= step)
        {
            var e = _events[_next++];
            var restore = Run(e.Action);
            if (e.UntilStep is { } until && restore is not null)
            {
                if (until <= step)
                {
                    restore();
                }
                else
                {
                    _pending.Add((until, restore));
                }
            }
        }
    }

    /// <summary>Does the action and returns how to undo it.</summary>
    private Action? Run(ProtocolAction action)
    {
        switch (action)
        {
            case SetGlobal g:
                {
                    var box = _globals[g.Global]!;
                    T old = box.Value;
                    box.Value = Num<T>.From(g.Value);
                    return () => box.Value = old;
                }
            case SetParameter p:
                {
                    var population = _populations[p.Range.Population];
                    if (population.Parameters[p.Parameter] is { } effective)
                    {
                        var target = _stimuli.WritableParameter(effective);
                        var saved = target.AsSpan(p.Range.Start, p.Range.Count).ToArray();
                        target.AsSpan(p.Range.Start, p.Range.Count).Fill(Num<T>.From(p.Value));
                        _stimuli.Touch(effective);
                        return () =>
                        {
                            saved.CopyTo(target, p.Range.Start);
                            _stimuli.Touch(effective);
                        };
                    }
                    var box = population.SharedParameters[p.Parameter]!;
                    T old = box.Value;
                    box.Value = Num<T>.From(p.Value);
                    return () => box.Value = old;
                }
            case SetRate r:
                {
                    double old = _stimuli.Rate(r.Stimulus);
                    _stimuli.SetRate(r.Stimulus, r.Rate);
                    return () => _stimuli.SetRate(r.Stimulus, old);
                }
            case Silence s:
                {
                    var depth = _populations[s.Range.Population].SilenceDepth;
                    for (int i = s.Range.Start; i < s.Range.End; i++)
                    {
                        depth[i]++;
                    }
                    return () =>
                    {
                        for (int i = s.Range.Start; i < s.Range.End; i++)
                        {
                            depth[i]--;
                        }
                    };
                }
            case KickSignal k:
                _signals[k.Signal][0] = Handler<T>.Assign(_signals[k.Signal][0], k.Operator, Num<T>.From(k.Value));
                return null;
            case Kick k:
                {
                    var state = _populations[k.Range.Population].States[k.State];
                    T value = Num<T>.From(k.Value);
                    for (int i = k.Range.Start; i < k.Range.End; i++)
                    {
                        state[i] = Handler<T>.Assign(state[i], k.Operator, value);
                    }
                    return null;
                }
            default:
                return null;
        }
    }
}
