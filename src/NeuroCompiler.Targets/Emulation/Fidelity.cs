using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>
/// A population in the ideal model and in the mapped one: mean rates, their relative difference,
/// and how far apart the neurons' spike trains are (van Rossum, normalised: 0 the same spikes, about
/// 1 none in common; <see cref="SpikeTrainDistance.Population"/>).
/// </summary>
public sealed record PopulationFidelity(string Population, double IdealRate, double MappedRate, double SpikeDistance)
{
    public double RelativeError => IdealRate > 0 ? (MappedRate - IdealRate) / IdealRate : MappedRate > 0 ? double.PositiveInfinity : 0;
}

/// <summary>The ideal model and its mapping, run on the same stimulus and compared; <see cref="Notes"/> says what the emulation counted (e.g. ADC clipping).</summary>
public sealed record FidelityReport(ImmutableArray<PopulationFidelity> Populations, long IdealSpikes, long MappedSpikes, double Duration,
    ImmutableArray<string> Notes)
{
    /// <summary>The model's task trials scored on the ideal run and on the mapped one (empty when the model has none).</summary>
    public ImmutableArray<TrialScore> IdealTask { get; init; } = ImmutableArray<TrialScore>.Empty;

    public ImmutableArray<TrialScore> MappedTask { get; init; } = ImmutableArray<TrialScore>.Empty;

    /// <summary>The largest relative rate error over the populations.</summary>
    public double WorstRateError => Populations.Select(p => Math.Abs(p.RelativeError)).DefaultIfEmpty(0).Max();
}

/// <summary>One comparison: what it was run under (<see cref="Condition"/>), at a time after programming where that matters.</summary>
public sealed record FidelityPoint(string Condition, double? TimeAfterProgramming, FidelityReport Report);

/// <summary>
/// A mapping's fidelity: one point for a digital target; for a memristor target one point per time
/// after programming, and the longest of those times at which every population's rate is still within
/// the tolerance (the recommended reprogramming interval; null if none is).
/// </summary>
public sealed record TargetFidelity(string Summary, ImmutableArray<FidelityPoint> Points, double RateTolerance, double? ReprogramWithin);
