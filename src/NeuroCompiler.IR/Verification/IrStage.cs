namespace NeuroCompiler.IR.Verification;

/// <summary>
/// How far a network has come through the passes. Each stage promises everything the earlier ones
/// did and more; every pass declares the stage its result is at, and the verifier checks that
/// stage's promises (<see cref="IrVerifier"/>).
/// </summary>
public enum IrStage
{
    /// <summary>As the lowering made it: every reference resolves, each context reads and writes only what it may.</summary>
    Lowered,

    /// <summary>Constants folded: no <c>dt</c>, no size of a neuron's own population, no fixed parameter left to read, no operation on constants alone.</summary>
    Folded,

    /// <summary>An integrator for every group of equations, over exactly their states, free of white noise.</summary>
    IntegratorsSelected,

    /// <summary>Every delay and refractory period that is one number is a whole number of steps (a delay at least one).</summary>
    DelaysDiscretised,

    /// <summary>Every projection's synapses built, their arrays consistent with the rule's ranges and the delays.</summary>
    ConnectivityInstantiated,
}
