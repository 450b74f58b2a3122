using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets;

/// <summary>
/// A hardware target as its description file gives it: a name, the family that knows how to map
/// onto it (<see cref="TargetRegistry"/>), and the family's own description of the hardware.
/// </summary>
public sealed record TargetDescription(string Name, string Family, string Summary, TargetHardware Hardware, SourceText Source)
{
    /// <summary>The SHA-256 of the description's text: a configuration records it, and is run only on the description it was compiled for.</summary>
    public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Source.Text)));
}

/// <summary>What a family reads from a description file: the hardware's limits, formats, noise and costs.</summary>
public abstract record TargetHardware
{
    /// <summary>One line for listings: the size and the essentials.</summary>
    public abstract string Describe();
}

/// <summary>
/// The neuron circuit: which models it runs, with how many bits of state, how it decays (a multiplier,
/// or <c>shift</c>: x − Σ (x ≫ k) with up to <see cref="DecayTerms"/> shifts), and its time step.
/// </summary>
public sealed record NeuronCircuit(System.Collections.Immutable.ImmutableArray<string> Models, int StateBits, string Decay, string Threshold, double Timestep,
    int DecayTerms = 1);

/// <summary>Energy (joules) and latency (seconds) of the operations a mapped network performs.</summary>
public sealed record OperationCosts(double ReadEnergy, double WriteEnergy, double ConversionEnergy, double SpikeHopEnergy, double NeuronUpdateEnergy,
    double ReadLatency, double HopLatency);
