namespace NeuroCompiler.IR.Verification;

/// <summary>Where an expression of the IR sits: it decides which variables the expression may read (<see cref="ContextAccess"/>).</summary>
public enum IrContext
{
    /// <summary>A neuron's initial value or refractory period.</summary>
    NeuronValue,
    /// <summary>The right side of a neuron's equation (may hold white noise until integrators are chosen).</summary>
    NeuronEquation,
    /// <summary>An expression of the integrator chosen for a neuron's equations.</summary>
    NeuronIntegrator,
    Threshold,
    Reset,
    /// <summary>The value of a traced variable (a state, a parameter or a let), read in the population's context.</summary>
    Trace,
    /// <summary>A synapse's initial value.</summary>
    SynapseValue,
    SynapseEquation,
    SynapseIntegrator,
    /// <summary>A statement of on_pre, on_post or a clock rule.</summary>
    SynapseHandler,
    /// <summary>The condition of a pruning or growth rule.</summary>
    StructuralCondition,
    /// <summary>A projection's delay, evaluated per synapse once the synapse's values are known.</summary>
    Delay,
    /// <summary>The probability of <c>connect probability(...)</c>, evaluated per pair before any synapse exists.</summary>
    ConnectionProbability,
    SignalEquation,
    SignalIntegrator,
}
