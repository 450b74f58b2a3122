namespace NeuroCompiler.Core.Files;

/// <summary>
/// The names of the files a run writes, in one place: the writer names its files with these, and the
/// binder checks with them that no two recordings would write the same file (a run must never finish
/// and then fail to write its results).
/// </summary>
public static class ResultFileNames
{
    public const string Spikes = "spikes.csv";

    /// <summary>What a model-level state's trace is filed under: <c>trace_model_dopamine.csv</c>.</summary>
    public const string ModelOwner = "model";

    /// <summary><c>trace_E_v.csv</c> for a neuron variable, <c>trace_ee_w.csv</c> for a synapse variable, <c>trace_model_dopamine.csv</c> for a signal.</summary>
    public static string Trace(string owner, string variable) => $"trace_{owner}_{variable}.csv";

    /// <summary>The picture of a synapse variable's recording (with <c>--plot</c>).</summary>
    public static string SynapsePlot(string projection, string variable) => $"synapses_{projection}_{variable}.png";

    /// <summary>
    /// <c>rate_E.csv</c> for a population's one rate recording when it starts at its first neuron; otherwise
    /// (several, or one that starts later) each is named by its range: <c>rate_E_25_50.csv</c> for <c>E[25:50]</c>.
    /// </summary>
    public static string Rate(string population, int start, int count, int ratesOfPopulation) =>
        start == 0 && ratesOfPopulation == 1 ? $"rate_{population}.csv" : $"rate_{population}_{start}_{start + count}.csv";
}
