namespace NeuroCompiler.IR;

/// <summary>Where a variable lives.</summary>
public enum VariableSpace
{
    /// <summary>A model-level parameter (slot in <see cref="Network.Globals"/>).</summary>
    Global,
    NeuronParameter,
    NeuronState,
    SynapseParameter,
    SynapseState,
    /// <summary>Simulation time t = step * dt, seconds.</summary>
    Time,
    /// <summary>The time step, seconds. Constant folding replaces it by its value: no backend reads it (<see cref="Verification.IrStage.Folded"/>).</summary>
    Dt,
    /// <summary>Neuron index in its population (in a synapse: with <see cref="Side.Pre"/> or <see cref="Side.Post"/>).</summary>
    Index,
    /// <summary>Population size.</summary>
    Size,
    PositionX,
    PositionY,
    PositionZ,
    /// <summary>Distance between the presynaptic and postsynaptic neuron, metres.</summary>
    Distance,
    /// <summary>A model-level state (slot in <see cref="Network.Signals"/>), the same for every neuron and synapse.</summary>
    Signal,
    /// <summary>A per-element temporary of an explicit integrator's update (slot in <see cref="ExplicitIntegrator.Locals"/>).</summary>
    Local,
    /// <summary>1 while the neuron is refractory this step, else 0; read only by an integrator's update, to hold clamped states.</summary>
    Refractory,
}

/// <summary>In a synapse, whose variable: the synapse's own, the presynaptic neuron's or the postsynaptic neuron's.</summary>
public enum Side
{
    Self,
    Pre,
    Post,
}

public readonly record struct VariableRef(VariableSpace Space, int Slot = 0, Side Side = Side.Self)
{
    public static readonly VariableRef Time = new(VariableSpace.Time);
    public static readonly VariableRef Dt = new(VariableSpace.Dt);
}
