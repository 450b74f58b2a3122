using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A neuron on the cores: neuron <see cref="Neuron"/> of a model population, or, when <see cref="Population"/> is the relay population, relay neuron number <see cref="Neuron"/>.</summary>
public readonly record struct NeuronRef(int Population, int Neuron)
{
    public override string ToString() => $"{Population}:{Neuron}";
}

/// <summary>
/// A relay neuron: number <see cref="Id"/> of the relay population, neuron <see cref="Index"/> of relay core <see cref="Core"/>.
/// It fires in the step its parent's spike arrives (a relay has no leak, threshold 0 and weight 1) and sends the spike on to
/// <see cref="Destinations"/>, at most the target's fan-out. <see cref="Root"/> is the model neuron whose spikes it carries;
/// <see cref="Level"/> 1 is fed by the root itself, level 2 by a level-1 relay, and so on.
/// </summary>
public sealed record RelayNeuron(int Id, int Core, int Index, NeuronRef Root, NeuronRef Parent, int Level, ImmutableArray<int> Destinations);

/// <summary>
/// A relay core: relay neurons [<see cref="First"/>, <see cref="First"/> + <see cref="Count"/>) of the relay population, with what
/// they use of the core: input axons (one per distinct parent) and synapse memory (one synapse per relay neuron).
/// </summary>
public sealed record RelayCore(int Core, int First, int Count, int InputAxons, long SynapseBits)
{
    public int End => First + Count;
}

/// <summary>
/// The relay trees of the neurons whose spikes must reach more cores than the target's fan-out allows
/// (<see cref="RelayPlanner"/>). Relay neurons form population <see cref="Population"/> (one past the model's),
/// numbered core by core; relay cores follow the model's cores; the synapses that feed relays (weight 1 onto their
/// membrane) are projection <see cref="Projection"/> (one past the model's). Each relay level adds <see cref="LinkDelay"/> device
/// steps to the path of a relayed neuron's spikes. Empty when no neuron needed relays.
/// </summary>
public sealed class RelayPlan
{
    private readonly Dictionary<(NeuronRef Root, int Core), int> _delivery = new();
    private readonly Dictionary<NeuronRef, ImmutableArray<int>> _rootDestinations = new();
    private readonly Dictionary<NeuronRef, int> _levels = new();

    public RelayPlan(int population, int projection, int linkDelay, int fanOutLimit, ImmutableArray<RelayNeuron> neurons, ImmutableArray<RelayCore> cores)
    {
        Population = population;
        Projection = projection;
        LinkDelay = linkDelay;
        FanOutLimit = fanOutLimit;
        Neurons = neurons;
        Cores = cores;
        foreach (var relay in neurons)
        {
            _levels[relay.Root] = Math.Max(_levels.GetValueOrDefault(relay.Root), relay.Level);
            if (relay.Level == 1)
            {
                _rootDestinations[relay.Root] = _rootDestinations.GetValueOrDefault(relay.Root, ImmutableArray<int>.Empty).Add(relay.Core);
            }
        }
        foreach (var root in _rootDestinations.Keys.ToList())
        {
            _rootDestinations[root] = _rootDestinations[root].Distinct().Order().ToImmutableArray();
        }
        // The relays that deliver to model cores are those of the last level of their root's tree.
        foreach (var relay in neurons.Where(r => r.Level == _levels[r.Root]))
        {
            foreach (int core in relay.Destinations)
            {
                _delivery[(relay.Root, core)] = relay.Id;
            }
        }
    }

    public static RelayPlan None(int population, int projection, int linkDelay, int fanOutLimit) =>
        new(population, projection, linkDelay, fanOutLimit, ImmutableArray<RelayNeuron>.Empty, ImmutableArray<RelayCore>.Empty);

    /// <summary>The population number relay neurons have (the model's populations come first).</summary>
    public int Population { get; }

    /// <summary>The projection number of the synapses that feed relay neurons (the model's projections come first).</summary>
    public int Projection { get; }

    /// <summary>The name the relay projection has in a configuration.</summary>
    public const string ProjectionName = "relay";

    /// <summary>The relay neurons' membrane, the state their synapses feed.</summary>
    public const string Membrane = "v";

    /// <summary>Device steps each relay level adds to a spike's path (a hop into a relay core).</summary>
    public int LinkDelay { get; }

    /// <summary>The target's fan-out, which the relayed neurons exceeded.</summary>
    public int FanOutLimit { get; }

    public ImmutableArray<RelayNeuron> Neurons { get; }

    public ImmutableArray<RelayCore> Cores { get; }

    /// <summary>The model neurons whose spikes go through relays.</summary>
    public int RelayedNeurons => _levels.Count;

    /// <summary>The deepest tree's levels (0 without relays).</summary>
    public int MaxLevels => _levels.Values.DefaultIfEmpty(0).Max();

    /// <summary>Relay levels between <paramref name="source"/> and its targets: 0 when its spikes go straight to them.</summary>
    public int Levels(NeuronRef source) => _levels.GetValueOrDefault(source);

    /// <summary>The cores a relayed neuron's own spikes go to (those of its level-1 relays), or null if it is not relayed.</summary>
    public ImmutableArray<int>? RootDestinations(NeuronRef source) => _rootDestinations.TryGetValue(source, out var cores) ? cores : null;

    /// <summary>The relay neuron that brings <paramref name="root"/>'s spikes to model core <paramref name="core"/>.</summary>
    public int Delivering(NeuronRef root, int core) => _delivery[(root, core)];
}
