namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// What a kernel array is for, decided where the emitter asks for it. Whoever binds the array (the
/// CPU wrapper, the GPU's copies and views) switches on the role, never on the array's name or on
/// the C# that reads it.
/// </summary>
public abstract record ArrayRole
{
    private ArrayRole()
    {
    }

    /// <summary>A state of the population's neurons, one element per neuron; the update writes the integrated ones.</summary>
    public sealed record NeuronState(int Slot) : ArrayRole;

    /// <summary>A per-neuron parameter: one element per neuron, read only by the kernels.</summary>
    public sealed record NeuronParameter(int Slot) : ArrayRole;

    /// <summary>A shared parameter the host may change at any step: one element.</summary>
    public sealed record SharedParameter(int Slot) : ArrayRole;

    /// <summary>A mutable global of the model: one element the host may change at any step.</summary>
    public sealed record Global(int Slot) : ArrayRole;

    /// <summary>A model-level signal (a state of the model, not of a neuron): one element.</summary>
    public sealed record Signal(int Slot) : ArrayRole;

    /// <summary>The neurons' coordinate on one axis (0: x, 1: y, 2: z): never changes.</summary>
    public sealed record Position(int Axis) : ArrayRole;

    /// <summary>Who is refractory this step, one flag per neuron.</summary>
    public sealed record Refractory : ArrayRole;

    /// <summary>Each neuron's own propagator matrices (normal, then refractory).</summary>
    public sealed record Propagators : ArrayRole;

    /// <summary>Device only: who crossed the threshold this step, one flag per neuron the kernel writes.</summary>
    public sealed record Fired : ArrayRole;

    /// <summary>Device only: one flag the kernel sets when it leaves a state that is not finite.</summary>
    public sealed record NonFiniteFlag : ArrayRole;

    /// <summary>A per-synapse value of a projection (a parameter or state of its synapse type), by synapse.</summary>
    public sealed record SynapseValue(int Slot) : ArrayRole;
}
