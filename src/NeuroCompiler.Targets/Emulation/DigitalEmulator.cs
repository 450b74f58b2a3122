using System.Collections.Immutable;
using NeuroCompiler.Targets.Configuration;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>A spike of neuron <see cref="Neuron"/> of population <see cref="Population"/> at device step <see cref="Step"/>.</summary>
public readonly record struct DeviceSpike(long Step, int Population, int Neuron);

/// <summary>
/// Runs a digital configuration as the cores would, in their integers, step by step. Every state is a
/// 64-bit integer held within the target's state bits (it saturates there). One device step, for each
/// core and each of its neurons:
/// <list type="number">
/// <item>the membrane, unless refractory, becomes v·(U − d_v) / U + Σ_k x_k + bias, with the other states'
/// values from the start of the step; each other state becomes x_k·(U − d_k) / U (U the decay unity;
/// the division rounds toward zero); a refractory neuron's counter goes down by one instead. Where the core's
/// decays are shifts (<see cref="CoreDecay"/>), x − Σ_s (x ≫ s) (arithmetic shifts, rounding toward −∞) takes the
/// place of x·(U − d) / U, for the membrane and the other states alike;</item>
/// <item>spikes arriving this step add their mantissa × 2^exponent to the state they feed;</item>
/// <item>a neuron that is not refractory and whose membrane is above the threshold spikes: the
/// membrane returns to 0 (the reset) and it is refractory for the configured steps.</item>
/// </list>
/// A spike of step t arrives at step t + delay (at least one step later). Spikes of populations that
/// are not on the cores (inputs) are given, in device steps.
/// <para>
/// A synapse adds its mantissa × 2^exponent (its projection's) to the state its projection feeds; on a core with axon
/// types (a binary crossbar) it adds instead the weight of its axon's type for its neuron, in the type's projection's
/// exponent and state, as the crossbar does. Relay cores are cores like the others: their neurons (no decay, threshold
/// 0, no refractory period) fire in the step a spike (weight 1) reaches them, and their spikes go on with their synapses' delays.
/// </para>
/// <para>
/// Projections that learn on chip change their synapses' mantissas as the configuration's learning engine says
/// (<see cref="PairStdpEngine"/>): traces decay after the neurons' update, a synapse learns from a spike after
/// delivering its weight, and a neuron's synapses learn from its spike in the step it fires.
/// </para>
/// </summary>
public sealed class DigitalEmulator
{
    private readonly DigitalConfiguration _configuration;
    private readonly long _stateMax;
    private readonly long _stateMin;

    /// <summary>Each source neuron's synapses: (core, neuron on the core, state index, synapse number, delay).</summary>
    private readonly Dictionary<(int Population, int Neuron), List<(int Core, int Target, int State, int Synapse, int Delay)>> _fanOut = new();

    /// <summary>Each synapse's mantissa (changed by learning) and the exponent it is shifted by.</summary>
    private readonly int[] _mantissas;
    private readonly int[] _exponents;
    private readonly PairStdpEngine _learning;
    private readonly CoreState[] _cores;
    private readonly int _maxDelay;

    private sealed class CoreState
    {
        public required CoreConfiguration Config;
        public required long[] V;
        public required long[][] X;          // the other states, in the configuration's decay order without the membrane
        public required CoreDecay[] XDecay;
        public required CoreDecay VDecay;
        public required int[] Refractory;
        public required string[] XNames;
    }

    public DigitalEmulator(DigitalConfiguration configuration, int stateBits, int decayUnity, Func<CoreConfiguration, int, long> initialMembrane)
    {
        _configuration = configuration;
        _stateMax = (1L << (stateBits - 1)) - 1;
        _stateMin = -(1L << (stateBits - 1));
        Unity = decayUnity;
        var exponents = configuration.Projections.ToDictionary(p => p.Projection, p => (p.Exponent, p.TargetState));
        _cores = configuration.Cores.Select(core =>
        {
            var others = core.Decays.Where(d => d.State != core.Membrane).ToArray();
            var state = new CoreState
            {
                Config = core,
                V = Enumerable.Range(0, core.Count).Select(i => initialMembrane(core, i)).ToArray(),
                X = others.Select(_ => new long[core.Count]).ToArray(),
                XDecay = others,
                XNames = others.Select(d => d.State).ToArray(),
                VDecay = core.Decays.Single(d => d.State == core.Membrane),
                Refractory = new int[core.Count],
            };
            return state;
        }).ToArray();
        var mantissas = new List<int>();
        var exponentList = new List<int>();
        var described = new List<(int, int, int, int, int)>();
        foreach (var core in _cores)
        {
            var types = core.Config.AxonTypes;
            var axonType = types.IsEmpty ? null : core.Config.Axons.ToDictionary(a => (a.SourcePopulation, a.SourceNeuron), a => a.Type);
            foreach (var s in core.Config.Synapses)
            {
                var (projection, mantissa) = axonType is null
                    ? (s.Projection, s.Mantissa)
                    : (types[axonType[(s.SourcePopulation, s.SourceNeuron)]].Projection, types[axonType[(s.SourcePopulation, s.SourceNeuron)]].Weights[s.Target]);
                var (exponent, stateName) = exponents[projection];
                int stateIndex = Array.IndexOf(core.XNames, stateName);
                if (stateIndex < 0 && stateName != core.Config.Membrane)
                {
                    throw new InvalidOperationException($"projection {projection} feeds '{stateName}', which core {core.Config.Core} does not have");
                }
                var key = (s.SourcePopulation, s.SourceNeuron);
                if (!_fanOut.TryGetValue(key, out var list))
                {
                    _fanOut[key] = list = new List<(int, int, int, int, int)>();
                }
                list.Add((core.Config.Core, s.Target, stateIndex, mantissas.Count, Math.Max(1, s.Delay)));
                described.Add((projection, s.SourcePopulation, s.SourceNeuron, core.Config.Core, s.Target));
                mantissas.Add(mantissa);
                exponentList.Add(exponent);
                _maxDelay = Math.Max(_maxDelay, Math.Max(1, s.Delay));
            }
        }
        _mantissas = mantissas.ToArray();
        _exponents = exponentList.ToArray();
        _described = described.ToArray();
        _learning = new PairStdpEngine(configuration.Seed, configuration.Learning, _described);
    }

    public int Unity { get; }

    /// <summary>Each synapse's mantissa now (learning changes them), with its projection, in the order of the cores' synapses.</summary>
    public IEnumerable<(int Projection, int Mantissa)> Mantissas() => _described.Select((d, k) => (d.Projection, _mantissas[k]));

    private readonly (int Projection, int AxonPopulation, int AxonNeuron, int Core, int Target)[] _described;

    /// <summary>Runs <paramref name="steps"/> device steps; <paramref name="inputs"/> are the input populations' spikes, by step.</summary>
    public ImmutableArray<DeviceSpike> Run(long steps, IReadOnlyList<DeviceSpike> inputs)
    {
        var spikes = ImmutableArray.CreateBuilder<DeviceSpike>();
        var pending = Enumerable.Range(0, _maxDelay + 1).Select(_ => new List<(int Core, int Target, int State, int Synapse)>()).ToArray();
        var byStep = inputs.GroupBy(s => s.Step).ToDictionary(g => g.Key, g => g.ToList());
        var fired = new List<DeviceSpike>();
        for (long t = 0; t < steps; t++)
        {
            foreach (var core in _cores)
            {
                Update(core);
            }
            if (_learning.Learns)
            {
                _learning.Decay(t);
            }
            var arriving = pending[t % pending.Length];
            foreach (var (c, target, state, synapse) in arriving)
            {
                var core = _cores[c];
                long weight = (long)_mantissas[synapse] << _exponents[synapse];
                if (_learning.Learns)
                {
                    _learning.Arrived(synapse, t, _mantissas);
                }
                if (state < 0)
                {
                    core.V[target] = Clamp(core.V[target] + weight);
                }
                else
                {
                    core.X[state][target] = Clamp(core.X[state][target] + weight);
                }
            }
            arriving.Clear();
            fired.Clear();
            foreach (var core in _cores)
            {
                var config = core.Config;
                for (int i = 0; i < config.Count; i++)
                {
                    if (core.Refractory[i] == 0 && core.V[i] > config.Threshold)
                    {
                        core.V[i] = 0;
                        core.Refractory[i] = config.RefractorySteps;
                        fired.Add(new DeviceSpike(t, config.Population, config.Start + i));
                        if (_learning.Learns)
                        {
                            _learning.Spiked(config.Core, i, t, _mantissas);
                        }
                    }
                }
            }
            spikes.AddRange(fired);
            if (byStep.TryGetValue(t, out var external))
            {
                fired.AddRange(external);
            }
            foreach (var spike in fired)
            {
                if (_fanOut.TryGetValue((spike.Population, spike.Neuron), out var synapses))
                {
                    foreach (var (c, target, state, synapse, delay) in synapses)
                    {
                        pending[(t + delay) % pending.Length].Add((c, target, state, synapse));
                    }
                }
            }
        }
        return spikes.ToImmutable();
    }

    private void Update(CoreState core)
    {
        var config = core.Config;
        var vDecay = core.VDecay;
        for (int i = 0; i < config.Count; i++)
        {
            if (core.Refractory[i] > 0)
            {
                core.Refractory[i]--;
            }
            else
            {
                long input = 0;
                for (int k = 0; k < core.X.Length; k++)
                {
                    input += core.X[k][i];
                }
                core.V[i] = Clamp(vDecay.Apply(core.V[i], Unity) + input + config.Bias);
            }
            for (int k = 0; k < core.X.Length; k++)
            {
                core.X[k][i] = core.XDecay[k].Apply(core.X[k][i], Unity);
            }
        }
    }

    private long Clamp(long value) => Math.Clamp(value, _stateMin, _stateMax);
}
