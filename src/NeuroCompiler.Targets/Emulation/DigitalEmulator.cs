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
/// the division rounds toward zero); a refractory neuron's counter goes down by one instead;</item>
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
/// </summary>
public sealed class DigitalEmulator
{
    private readonly DigitalConfiguration _configuration;
    private readonly long _stateMax;
    private readonly long _stateMin;

    /// <summary>Each source neuron's synapses: (core, neuron on the core, state index, weight in the state's integers, delay).</summary>
    private readonly Dictionary<(int Population, int Neuron), List<(int Core, int Target, int State, long Weight, int Delay)>> _fanOut = new();
    private readonly CoreState[] _cores;
    private readonly int _maxDelay;

    private sealed class CoreState
    {
        public required CoreConfiguration Config;
        public required long[] V;
        public required long[][] X;          // the other states, in the configuration's decay order without the membrane
        public required int[] XDecay;
        public required int VDecay;
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
                XDecay = others.Select(d => d.Decay).ToArray(),
                XNames = others.Select(d => d.State).ToArray(),
                VDecay = core.Decays.Single(d => d.State == core.Membrane).Decay,
                Refractory = new int[core.Count],
            };
            return state;
        }).ToArray();
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
                    _fanOut[key] = list = new List<(int, int, int, long, int)>();
                }
                list.Add((core.Config.Core, s.Target, stateIndex, (long)mantissa << exponent, Math.Max(1, s.Delay)));
                _maxDelay = Math.Max(_maxDelay, Math.Max(1, s.Delay));
            }
        }
    }

    public int Unity { get; }

    /// <summary>Runs <paramref name="steps"/> device steps; <paramref name="inputs"/> are the input populations' spikes, by step.</summary>
    public ImmutableArray<DeviceSpike> Run(long steps, IReadOnlyList<DeviceSpike> inputs)
    {
        var spikes = ImmutableArray.CreateBuilder<DeviceSpike>();
        var pending = Enumerable.Range(0, _maxDelay + 1).Select(_ => new List<(int Core, int Target, int State, long Weight)>()).ToArray();
        var byStep = inputs.GroupBy(s => s.Step).ToDictionary(g => g.Key, g => g.ToList());
        var fired = new List<DeviceSpike>();
        for (long t = 0; t < steps; t++)
        {
            foreach (var core in _cores)
            {
                Update(core);
            }
            var arriving = pending[t % pending.Length];
            foreach (var (c, target, state, weight) in arriving)
            {
                var core = _cores[c];
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
                    foreach (var (c, target, state, weight, delay) in synapses)
                    {
                        pending[(t + delay) % pending.Length].Add((c, target, state, weight));
                    }
                }
            }
        }
        return spikes.ToImmutable();
    }

    private void Update(CoreState core)
    {
        var config = core.Config;
        long keepV = Unity - core.VDecay;
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
                core.V[i] = Clamp(core.V[i] * keepV / Unity + input + config.Bias);
            }
            for (int k = 0; k < core.X.Length; k++)
            {
                core.X[k][i] = core.X[k][i] * (Unity - core.XDecay[k]) / Unity;
            }
        }
    }

    private long Clamp(long value) => Math.Clamp(value, _stateMin, _stateMax);
}
