using System.Collections.Immutable;

namespace NeuroCompiler.Semantics;

/// <summary>The result of binding: every name resolved, every unit checked, sizes and constants known.</summary>
public sealed record BoundModel(
    BoundSettings Settings,
    ImmutableArray<BoundGlobalParameter> Globals,
    ImmutableArray<BoundSignal> Signals,
    ImmutableArray<BoundNeuronType> NeuronTypes,
    ImmutableArray<BoundPopulation> Populations,
    ImmutableArray<BoundProjection> Projections,
    ImmutableArray<BoundStimulus> Stimuli,
    BoundProtocol Protocol,
    ImmutableArray<BoundRecording> Recordings)
{
    /// <summary>Declared spreads of plasticity between projections (acyclic).</summary>
    public ImmutableArray<BoundSpread> Spreads { get; init; } = ImmutableArray<BoundSpread>.Empty;

    /// <summary>Task trials the model should pass, in declaration order.</summary>
    public ImmutableArray<BoundTask> Tasks { get; init; } = ImmutableArray<BoundTask>.Empty;
}
