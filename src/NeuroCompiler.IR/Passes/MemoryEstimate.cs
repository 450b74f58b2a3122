using System.Globalization;

namespace NeuroCompiler.IR.Passes;

/// <summary>
/// How much memory building and running a network takes at its peak, estimated from its rules before
/// anything is allocated: per synapse the targets as drawn (4 bytes, up to 8 while lists grow), the
/// stored targets (up to 4) and the delays in steps while they are sorted (4); per per-synapse value
/// its float64 column while connecting (8), the stored column (4 or 8) and, for a state, the
/// simulation's copy (4 or 8); per neuron its variables.
/// </summary>
public readonly record struct MemoryEstimate(long Synapses, long Bytes)
{
    public const long BytesPerSynapse = 16;
    public const long BytesPerSynapseValue = 24;
    public const long BytesPerNeuronValue = 24;

    public static MemoryEstimate Of(Network network)
    {
        double synapses = 0;
        double bytes = 0;
        foreach (var p in network.Projections)
        {
            double s = p.Source.Count;
            double t = p.Target.Count;
            double expected = p.Rule.Kind switch
            {
                ConnectivityRuleKind.AllToAll or ConnectivityRuleKind.Probability => s * t,
                ConnectivityRuleKind.OneToOne => s,
                ConnectivityRuleKind.FixedProbability => p.Rule.Value * s * t,
                ConnectivityRuleKind.FixedIndegree => p.Rule.Value * t,
                ConnectivityRuleKind.FixedOutdegree => p.Rule.Value * s,
                _ => p.Rule.Value,
            };
            int values = p.Synapse.Parameters.Count(v => v.PerElement) + p.Synapse.States.Length;
            synapses += expected;
            bytes += expected * (BytesPerSynapse + values * BytesPerSynapseValue);
        }
        foreach (var population in network.Populations)
        {
            int values = population.Model is { } m ? m.States.Length + m.Parameters.Length + 4 : 1;
            bytes += (double)population.Size * values * BytesPerNeuronValue;
        }
        return new MemoryEstimate((long)Math.Min(synapses, long.MaxValue), (long)Math.Min(bytes, long.MaxValue));
    }

    public static string Gib(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
