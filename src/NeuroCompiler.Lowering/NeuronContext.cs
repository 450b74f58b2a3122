using NeuroCompiler.IR;
using NeuroCompiler.Semantics;

namespace NeuroCompiler.Lowering;

/// <summary>
/// The names of one population's neuron type, mapped to IR slots. The same mapping serves the
/// population itself (side Self) and synapses reading it (pre. or post.).
/// </summary>
internal sealed class NeuronContext
{
    private readonly Dictionary<VariableSymbol, int> _parameters = new();
    private readonly Dictionary<VariableSymbol, int> _states = new();
    private readonly Dictionary<VariableSymbol, BoundExpression> _lets = new();
    private readonly Dictionary<(VariableSymbol, Side), IrExpression> _letCache = new();
    private readonly Func<VariableSymbol, IrExpression?> _global;
    private readonly List<string> _noises = new();

    public NeuronContext(BoundPopulation population, Func<VariableSymbol, IrExpression?> global)
    {
        Population = population;
        _global = global;
        if (population.Type is { } type)
        {
            for (int i = 0; i < type.Parameters.Length; i++)
            {
                _parameters[type.Parameters[i].Symbol] = i;
            }
            for (int i = 0; i < type.States.Length; i++)
            {
                _states[type.States[i].Symbol] = i;
            }
            foreach (var let in type.Lets)
            {
                _lets[let.Symbol] = let.Value;
            }
        }
    }

    public BoundPopulation Population { get; }

    public string Name => Population.Name;

    /// <summary>Noise names in order of first use: xi is noise 0, xi_2 noise 1, ...</summary>
    public IReadOnlyList<string> Noises => _noises;

    /// <summary>
    /// The number of references to positions that had no layout to read from; the lowerer reports
    /// them. Counting instead of throwing keeps lowering total.
    /// </summary>
    public bool UsedPositions { get; private set; }

    public int ParameterSlot(VariableSymbol symbol) => _parameters.GetValueOrDefault(symbol, -1);

    public int StateSlot(VariableSymbol symbol) => _states.GetValueOrDefault(symbol, -1);

    public ExpressionLowerer Lowerer(string place) =>
        new((symbol, _) => Resolve(symbol, Side.Self), $"{Name}/{place}", NoiseIndex);

    private int NoiseIndex(string name)
    {
        int index = _noises.IndexOf(name);
        if (index < 0)
        {
            _noises.Add(name);
            index = _noises.Count - 1;
        }
        return index;
    }

    /// <summary>Resolves one of this neuron type's names (or a global or built-in one) as read from the given side.</summary>
    public IrExpression? Resolve(VariableSymbol symbol, Side side)
    {
        if (_parameters.TryGetValue(symbol, out int p))
        {
            return new IrVariable(new VariableRef(VariableSpace.NeuronParameter, p, side));
        }
        if (_states.TryGetValue(symbol, out int s))
        {
            return new IrVariable(new VariableRef(VariableSpace.NeuronState, s, side));
        }
        if (_lets.TryGetValue(symbol, out var value))
        {
            if (!_letCache.TryGetValue((symbol, side), out var lowered))
            {
                var lowerer = new ExpressionLowerer((sym, _) => Resolve(sym, side), $"{Name}/let:{symbol.Name}", NoiseIndex);
                lowered = lowerer.Lower(value);
                _letCache[(symbol, side)] = lowered;
            }
            return lowered;
        }
        if (symbol.Kind is VariableKind.GlobalParameter or VariableKind.Signal)
        {
            return _global(symbol);
        }
        if (symbol.Kind == VariableKind.Builtin)
        {
            return Builtin(symbol, side);
        }
        return null;
    }

    private IrExpression? Builtin(VariableSymbol symbol, Side side)
    {
        VariableSpace? space = symbol.Name switch
        {
            "t" => VariableSpace.Time,
            "dt" => VariableSpace.Dt,
            "i" => VariableSpace.Index,
            "N" => VariableSpace.Size,
            "x" => VariableSpace.PositionX,
            "y" => VariableSpace.PositionY,
            "z" => VariableSpace.PositionZ,
            _ => null,
        };
        if (space is VariableSpace.PositionX or VariableSpace.PositionY or VariableSpace.PositionZ)
        {
            UsedPositions = true;
        }
        return space is { } s ? new IrVariable(new VariableRef(s, 0, side)) : null;
    }
}
