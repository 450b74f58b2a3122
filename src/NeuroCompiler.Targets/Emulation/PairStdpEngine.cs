using System.Collections.Immutable;
using NeuroCompiler.Runtime;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// The pair-STDP learning engine of a digital core, in its integers (<see cref="LearningConfiguration"/>). Traces are
/// per input axon and projection (x) and per neuron and projection (y); every step each decays first (rounded stochastically); a spike reaching
/// a learning synapse raises its axon's trace once per step and depresses the synapse by y·D; a neuron's spike raises
/// its trace once and potentiates each of its learning synapses by x·P. Products are rounded stochastically with
/// numbers from the counter-based generator keyed by (seed, synapse or trace, step), so the same configuration and seed give
/// the same weights.
/// </summary>
public sealed class PairStdpEngine
{
    private static readonly uint RoundingStream = CounterRng.StreamId("digital.learning");
    private static readonly uint DecayStream = CounterRng.StreamId("digital.learning.decay");

    private readonly ulong _seed;
    private readonly LearningConfiguration[] _rules;
    private readonly int[] _ruleOf;           // per synapse: its rule, or −1
    private readonly int[] _preTrace;         // per synapse: its axon's trace
    private readonly int[] _postTrace;        // per synapse: its neuron's trace
    private readonly long[] _traces;
    private readonly int[] _traceRule;
    private readonly bool[] _isPre;           // per trace: an axon's (x) or a neuron's (y)
    private readonly long[] _raised;          // the step a trace was last raised
    private readonly Dictionary<(int Core, int Target), List<int>> _byNeuron = new();

    /// <param name="synapses">Every synapse of the emulator, in its numbering: its projection, axon, core and neuron on the core.</param>
    public PairStdpEngine(ulong seed, ImmutableArray<LearningConfiguration> rules, IReadOnlyList<(int Projection, int AxonPopulation, int AxonNeuron, int Core, int Target)> synapses)
    {
        _seed = seed;
        _rules = rules.ToArray();
        var ruleIndex = rules.Select((r, i) => (r.Projection, i)).ToDictionary(p => p.Projection, p => p.i);
        _ruleOf = new int[synapses.Count];
        _preTrace = new int[synapses.Count];
        _postTrace = new int[synapses.Count];
        var traces = new Dictionary<(int, int, int, int), int>();
        var traceRule = new List<int>();
        int Trace((int, int, int, int) key, int rule)
        {
            if (!traces.TryGetValue(key, out int id))
            {
                traces[key] = id = traces.Count;
                traceRule.Add(rule);
            }
            return id;
        }
        for (int k = 0; k < synapses.Count; k++)
        {
            var s = synapses[k];
            if (!ruleIndex.TryGetValue(s.Projection, out int rule))
            {
                _ruleOf[k] = -1;
                continue;
            }
            _ruleOf[k] = rule;
            _preTrace[k] = Trace((0, s.Projection, s.AxonPopulation, s.AxonNeuron), rule);
            _postTrace[k] = Trace((1, s.Projection, s.Core, s.Target), rule);
            if (!_byNeuron.TryGetValue((s.Core, s.Target), out var list))
            {
                _byNeuron[(s.Core, s.Target)] = list = new List<int>();
            }
            list.Add(k);
        }
        _traces = new long[traces.Count];
        _traceRule = traceRule.ToArray();
        _raised = Enumerable.Repeat(-1L, traces.Count).ToArray();
        _isPre = new bool[traces.Count];
        foreach (var (key, id) in traces)
        {
            _isPre[id] = key.Item1 == 0;
        }
    }

    public bool Learns => _rules.Length > 0;

    /// <summary>
    /// Every trace keeps (U − d)/U of itself, rounded stochastically: a trace of a few integers rounded toward zero would
    /// fall by one each step whatever its time constant (a 7-bit trace of τ = 34 ms would last 17 steps).
    /// </summary>
    public void Decay(long step)
    {
        for (int i = 0; i < _traces.Length; i++)
        {
            if (_traces[i] == 0)
            {
                continue;
            }
            var rule = _rules[_traceRule[i]];
            int d = _isPre[i] ? rule.PreDecay : rule.PostDecay;
            long kept = _traces[i] * (rule.DecayUnity - d);
            CounterRng.Block(_seed, DecayStream, (uint)i, (ulong)step, out uint r0, out _, out _, out _);
            _traces[i] = kept / rule.DecayUnity + (r0 % (uint)rule.DecayUnity < kept % rule.DecayUnity ? 1 : 0);
        }
    }

    /// <summary>A spike reached synapse <paramref name="synapse"/> at <paramref name="step"/> (after its weight was delivered).</summary>
    public void Arrived(int synapse, long step, int[] mantissas)
    {
        int r = _ruleOf[synapse];
        if (r < 0)
        {
            return;
        }
        var rule = _rules[r];
        Raise(_preTrace[synapse], rule.PreImpulse, rule, step);
        long change = Product(_traces[_postTrace[synapse]], rule.DepressionMantissa, rule.DepressionShift, synapse, step);
        mantissas[synapse] = (int)Math.Clamp(mantissas[synapse] - change, rule.WeightMin, rule.WeightMax);
    }

    /// <summary>Neuron <paramref name="target"/> of core <paramref name="core"/> spiked at <paramref name="step"/>.</summary>
    public void Spiked(int core, int target, long step, int[] mantissas)
    {
        if (!_byNeuron.TryGetValue((core, target), out var synapses))
        {
            return;
        }
        foreach (int k in synapses)
        {
            var rule = _rules[_ruleOf[k]];
            Raise(_postTrace[k], rule.PostImpulse, rule, step);
            long change = Product(_traces[_preTrace[k]], rule.PotentiationMantissa, rule.PotentiationShift, k, step);
            mantissas[k] = (int)Math.Clamp(mantissas[k] + change, rule.WeightMin, rule.WeightMax);
        }
    }

    private void Raise(int trace, int impulse, LearningConfiguration rule, long step)
    {
        if (_raised[trace] != step)
        {
            _raised[trace] = step;
            _traces[trace] = Math.Min(_traces[trace] + impulse, (1L << rule.TraceBits) - 1);
        }
    }

    /// <summary>(trace · mantissa + r) ≫ shift, r uniform below 2^shift: stochastic rounding.</summary>
    private long Product(long trace, long mantissa, int shift, int synapse, long step)
    {
        CounterRng.Block(_seed, RoundingStream, (uint)synapse, (ulong)step, out uint r0, out uint r1, out _, out _);
        return new Mapping.FixedPoint(mantissa, shift).TimesStochastic(trace, ((ulong)r1 << 32) | r0);
    }
}
