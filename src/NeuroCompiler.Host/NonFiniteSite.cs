namespace NeuroCompiler.Host;

/// <summary>What kind of variable a <see cref="NonFiniteException"/> is about.</summary>
public enum NonFiniteSite
{
    /// <summary>A model-level state (signal).</summary>
    Signal,
    /// <summary>A neuron's state.</summary>
    NeuronState,
    /// <summary>A neuron's parameter given per neuron.</summary>
    NeuronParameter,
    /// <summary>A synapse's variable: parameters, then states.</summary>
    Synapse,
}
