namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// A projection's learning as a digital core's pair-STDP engine runs it, in integers. Each presynaptic neuron has a
/// trace x and each postsynaptic neuron a trace y, of <see cref="TraceBits"/> bits (saturating), each step keeping
/// (U − d)/U of itself (U = <see cref="DecayUnity"/>, d = <see cref="PreDecay"/> or <see cref="PostDecay"/>, rounded stochastically).
/// When a spike reaches a synapse, x gains <see cref="PreImpulse"/> and the synapse's mantissa loses y·D; when the
/// postsynaptic neuron spikes, y gains <see cref="PostImpulse"/> and each of its synapses' mantissas gains x·P; D and P
/// are fixed-point (mantissa / 2^shift), the products rounded stochastically; mantissas stay in
/// [<see cref="WeightMin"/>, <see cref="WeightMax"/>].
/// </summary>
public sealed record LearningConfiguration(int Projection, string Rule, int TraceBits, int DecayUnity, int PreDecay, int PostDecay, int PreImpulse, int PostImpulse,
    long PotentiationMantissa, int PotentiationShift, long DepressionMantissa, int DepressionShift, int WeightMin, int WeightMax);
