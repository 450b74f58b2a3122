using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>What a mapping may change in the network when the target cannot do what the model asks, each change counted in the report.</summary>
/// <param name="ClampDelays">Clamp delays outside the target's range to it.</param>
/// <param name="InsertRelays">Insert relay neurons where a neuron's spikes must reach more cores than the target's fan-out allows.</param>
/// <param name="FreezeLearning">Map projections whose learning the target cannot run with their initial weights, fixed.</param>
/// <param name="DriftAware">On memristor targets: recalibrate each column group's gain for the drift its cells are expected to have had since programming.</param>
/// <param name="FaultAware">On memristor targets: program and verify, so that a pair with a stuck cell has its partner set to give the pair's weight.</param>
/// <param name="Objective">On digital targets: what the placement of cores minimises.</param>
public sealed record MappingOptions(bool ClampDelays = false, bool InsertRelays = false, bool FreezeLearning = false, bool DriftAware = false,
    bool FaultAware = false, PlacementObjective Objective = PlacementObjective.Cores);

/// <summary>A network to map onto a target: its populations' firing rates are asked for only once everything fits (it may take a simulation).</summary>
public sealed record MappingRequest(Network Network, TargetDescription Target, Func<IReadOnlyDictionary<int, double>> Rates, MappingOptions Options);
