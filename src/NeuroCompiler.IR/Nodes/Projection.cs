using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR;

/// <summary>
/// Synapses from a range of one population to a range of another. <see cref="Delay"/> is an
/// expression in seconds (per synapse if it is random or index-dependent); the delay pass sets
/// <see cref="ConstantDelaySteps"/> when it is one number, the connectivity pass fills <see cref="Synapses"/>.
/// </summary>
public sealed record Projection(
    string Name,
    int Index,
    PopulationRange Source,
    PopulationRange Target,
    SynapseModel Synapse,
    ConnectivityRule Rule,
    IrExpression Delay,
    int? ConstantDelaySteps,
    bool Autapses,
    bool Multapses,
    Connectivity? Synapses,
    SourceLocation? Location,
    SourceLocation? DelayLocation);
