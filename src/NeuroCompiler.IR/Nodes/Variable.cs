using NeuroCompiler.Core.Units;

namespace NeuroCompiler.IR;

/// <summary>
/// A parameter or state of a neuron or synapse model. <see cref="Initial"/> gives its starting value
/// (evaluated in float64 per element, then rounded to the model precision). A variable is
/// <see cref="PerElement"/> when elements can differ (random or index-dependent values, slices
/// written by stimuli or the protocol, synaptic parameters changed by handlers); otherwise one
/// value serves the whole group. <see cref="Mutable"/> parameters change during the run.
/// </summary>
public sealed record Variable(string Name, Dimension Dimension, IrExpression Initial, bool PerElement, bool Mutable);
