using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR.Passes.Connect;

/// <summary>
/// What a per-synapse expression reads while the connectivity is built: the pre- and postsynaptic
/// neurons' initial values and positions, their indices, the distance between them, and the
/// synapse's own values. Random numbers are keyed by the synapse's rank in (pre, post) order.
/// </summary>
internal sealed class SynapseEnvironment : IEvaluationEnvironment
{
    private readonly Network _network;
    private readonly Projection _projection;
    private readonly Func<int, InitialValues?> _initial;
    private readonly Func<int, int, double> _synapseValue;

    public SynapseEnvironment(Network network, Projection projection, Func<int, InitialValues?> initial, Func<int, int, double> synapseValue)
    {
        _network = network;
        _projection = projection;
        _initial = initial;
        _synapseValue = synapseValue;
    }

    /// <summary>Index of the presynaptic neuron in its population.</summary>
    public int Pre { get; set; }

    /// <summary>Index of the postsynaptic neuron in its population.</summary>
    public int Post { get; set; }

    public int Synapse { get; set; }

    /// <summary>Random draws are keyed by this (the synapse rank, or the source index while testing pairs).</summary>
    public uint RandomIndex { get; set; }

    public ulong RandomStep { get; set; }

    public double Read(VariableRef variable)
    {
        int population = variable.Side == Side.Post ? _projection.Target.Population : _projection.Source.Population;
        int neuron = variable.Side == Side.Post ? Post : Pre;
        return variable.Space switch
        {
            VariableSpace.Global => _network.Globals[variable.Slot].Value,
            VariableSpace.Signal => _network.Signals.Variables[variable.Slot].Initial,
            VariableSpace.Time => 0,
            VariableSpace.Index => neuron,
            VariableSpace.NeuronParameter => Initial(population).Parameter(variable.Slot)[neuron],
            VariableSpace.NeuronState => Initial(population).State(variable.Slot)[neuron],
            VariableSpace.SynapseParameter => _synapseValue(variable.Slot, Synapse),
            VariableSpace.SynapseState => _synapseValue(_projection.Synapse.Parameters.Length + variable.Slot, Synapse),
            VariableSpace.PositionX => Position(population).X[neuron],
            VariableSpace.PositionY => Position(population).Y[neuron],
            VariableSpace.PositionZ => Position(population).Z[neuron],
            VariableSpace.Distance => Distance(),
            _ => throw new InvalidOperationException($"{variable.Space} is not available in a synapse's value"),
        };
    }

    private InitialValues Initial(int population) =>
        _initial(population) ?? throw new InvalidOperationException("a spike generator has no variables");

    private Positions Position(int population) =>
        _network.Populations[population].Positions ?? throw new InvalidOperationException("positions need a layout");

    private double Distance()
    {
        var a = Position(_projection.Source.Population);
        var b = Position(_projection.Target.Population);
        double dx = a.X[Pre] - b.X[Post];
        double dy = a.Y[Pre] - b.Y[Post];
        double dz = a.Z[Pre] - b.Z[Post];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    public double Random(IrRandom random) => random.Kind == RandomKind.Uniform
        ? CounterRng.UniformDouble(_network.Settings.Seed, random.Stream, RandomIndex, RandomStep)
        : CounterRng.NormalDouble(_network.Settings.Seed, random.Stream, RandomIndex, RandomStep);
}
