using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Runtime;

namespace NeuroCompiler.IR;

/// <summary>
/// The initial value of every parameter and state of one population, one entry per neuron, in
/// float64. Random initial values draw from (seed, the call site's stream, neuron index, step 0).
/// Every backend starts from these numbers (rounded once to the model precision).
/// </summary>
public sealed class InitialValues
{
    private readonly Network _network;
    private readonly Population _population;
    private readonly NeuronModel _model;
    private readonly double[]?[] _parameters;
    private readonly double[]?[] _states;
    private readonly bool[] _busy;

    private InitialValues(Network network, Population population)
    {
        _network = network;
        _population = population;
        _model = population.Model ?? throw new ArgumentException("a spike generator has no variables");
        _parameters = new double[]?[_model.Parameters.Length];
        _states = new double[]?[_model.States.Length];
        _busy = new bool[_parameters.Length + _states.Length];
    }

    /// <summary>Computes on a <see cref="DeepStack"/> thread: values are computed through the values they use, by recursion.</summary>
    public static InitialValues Compute(Network network, Population population) => DeepStack.Run(() => ComputeAll(network, population));

    private static InitialValues ComputeAll(Network network, Population population)
    {
        var values = new InitialValues(network, population);
        for (int i = 0; i < values._parameters.Length; i++)
        {
            values.Parameter(i);
        }
        for (int i = 0; i < values._states.Length; i++)
        {
            values.State(i);
        }
        return values;
    }

    /// <summary>Evaluates any expression of this population's initial values, one result per neuron (e.g. a per-neuron refractory period).</summary>
    public double[] Evaluate(IrExpression expression) => DeepStack.Run(() => EvaluateColumn(expression));

    private double[] EvaluateColumn(IrExpression expression)
    {
        var column = new double[_population.Size];
        var environment = new NeuronEnvironment(this);
        for (int i = 0; i < column.Length; i++)
        {
            environment.Index = i;
            column[i] = ScalarEvaluator.Evaluate(expression, environment);
        }
        return column;
    }

    public double[] Parameter(int slot) => _parameters[slot] ??= Column(_model.Parameters[slot].Initial, slot);

    public double[] State(int slot) => _states[slot] ??= Column(_model.States[slot].Initial, _parameters.Length + slot);

    private double[] Column(IrExpression initial, int busyIndex)
    {
        if (_busy[busyIndex])
        {
            throw new InvalidOperationException("initial values depend on each other in a cycle (the binder should have reported it)");
        }
        _busy[busyIndex] = true;
        var column = new double[_population.Size];
        var environment = new NeuronEnvironment(this);
        for (int i = 0; i < column.Length; i++)
        {
            environment.Index = i;
            column[i] = ScalarEvaluator.Evaluate(initial, environment);
        }
        _busy[busyIndex] = false;
        return column;
    }

    private sealed class NeuronEnvironment : IEvaluationEnvironment
    {
        private readonly InitialValues _owner;

        public NeuronEnvironment(InitialValues owner) => _owner = owner;

        public int Index { get; set; }

        public double Read(VariableRef variable)
        {
            var network = _owner._network;
            var population = _owner._population;
            return variable.Space switch
            {
                VariableSpace.NeuronParameter => _owner.Parameter(variable.Slot)[Index],
                VariableSpace.NeuronState => _owner.State(variable.Slot)[Index],
                VariableSpace.Global => network.Globals[variable.Slot].Value,
                VariableSpace.Signal => network.Signals.Variables[variable.Slot].Initial,
                VariableSpace.Time => 0,
                VariableSpace.Index => Index,
                VariableSpace.Size => population.Size,
                VariableSpace.PositionX => population.Positions!.X[Index],
                VariableSpace.PositionY => population.Positions!.Y[Index],
                VariableSpace.PositionZ => population.Positions!.Z[Index],
                _ => throw new InvalidOperationException($"{variable.Space} is not available in a neuron's initial value"),
            };
        }

        public double Random(IrRandom random) => random.Kind == RandomKind.Uniform
            ? CounterRng.UniformDouble(_owner._network.Settings.Seed, random.Stream, (uint)Index, 0)
            : CounterRng.NormalDouble(_owner._network.Settings.Seed, random.Stream, (uint)Index, 0);
    }
}
