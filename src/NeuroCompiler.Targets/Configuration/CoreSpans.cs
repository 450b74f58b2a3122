using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>Where a core file says what (its place, its neurons, its routes, each synapse read, its axons), for problems found only when every core is read.</summary>
internal sealed record CoreSpans(SourceText Text, TextSpan Core, TextSpan Place, TextSpan Neurons, TextSpan Routes, ImmutableArray<TextSpan> Synapses, TextSpan Axons);
