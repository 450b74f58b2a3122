using System.Collections.Immutable;

namespace NeuroCompiler.Output;

/// <summary>Spikes of one recorded range: parallel arrays of step and neuron index (index within the population), in emission order.</summary>
public sealed record SpikeTrain(string Population, int Start, int Count, ImmutableArray<long> Steps, ImmutableArray<int> Indices);

/// <summary>
/// A variable sampled at <see cref="Steps"/>; <see cref="Values"/>[sample][element] for neurons <see cref="Start"/>.. of the
/// population, or, when <see cref="OfSynapses"/>, for the synapses of rank <see cref="Start"/>.. of the projection named <see cref="Population"/>.
/// </summary>
public sealed record Trace(string Population, string Variable, int Start, int Count, ImmutableArray<long> Steps, ImmutableArray<ImmutableArray<double>> Values,
    bool OfSynapses = false);

/// <summary>Population rate in Hz per bin of <see cref="BinSteps"/> steps.</summary>
public sealed record RateTrace(string Population, int Start, int Count, int BinSteps, ImmutableArray<double> Rates);

/// <summary>Per-population statistics of the whole run (every neuron, recorded or not).</summary>
public sealed record PopulationSummary(string Name, int Size, long Spikes, double MeanRate, double MeanCv, int NeuronsWithCv);

/// <summary>What a run produced, whichever backend ran it.</summary>
public sealed record SimulationResult(
    string Model,
    string Backend,
    ulong Seed,
    string Precision,
    double Dt,
    long Steps,
    ImmutableArray<PopulationSummary> Populations,
    long TotalSynapses,
    long SynapseBytes,
    long SynapticEvents,
    ImmutableArray<SpikeTrain> Spikes,
    ImmutableArray<Trace> Traces,
    ImmutableArray<RateTrace> Rates,
    TimeSpan SimulationTime)
{
    /// <summary>Time to set the run up (initial values, compiled expressions) before the loop.</summary>
    public TimeSpan SetupTime { get; init; }

    /// <summary>
    /// Set when the run stopped early because a value became NaN or infinite; <see cref="Steps"/> then
    /// counts the steps completed before it (the results are theirs).
    /// </summary>
    public RunFailure? Failure { get; init; }

    public double Duration => Steps * Dt;

    /// <summary>
    /// The spikes recorded of population <paramref name="population"/>, in emission order: each neuron's
    /// index within the population and the time in seconds (step × dt).
    /// </summary>
    public IEnumerable<Spike> SpikeTimes(string population)
    {
        foreach (var train in Spikes.Where(s => s.Population == population))
        {
            for (int k = 0; k < train.Steps.Length; k++)
            {
                yield return new Spike(train.Indices[k], train.Steps[k] * Dt);
            }
        }
    }
}

/// <summary>One spike: the neuron's index in its population and the time in seconds.</summary>
public readonly record struct Spike(int Neuron, double Time);
