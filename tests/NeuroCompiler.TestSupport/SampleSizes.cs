namespace NeuroCompiler.TestSupport;

/// <summary>
/// Overrides that shrink a sample to a size the test suite can run many times: the samples are
/// written at the size their paper used (the microcircuit has 3e8 synapses), tests need seconds.
/// </summary>
public static class SampleSizes
{
    private static readonly Dictionary<string, string[]> Small = new(StringComparer.Ordinal)
    {
        ["brunel2000.neuro"] = new[] { "N_E=2000", "J=0.5 mV" },
        ["microcircuit.neuro"] = new[] { "scale=0.02" },
    };

    /// <summary>The overrides for <paramref name="sample"/> (a file name in samples/); none if it is small already.</summary>
    public static IReadOnlyList<string> For(string sample) => Small.TryGetValue(sample, out var overrides) ? overrides : Array.Empty<string>();
}
