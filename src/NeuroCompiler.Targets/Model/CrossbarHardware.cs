using System.Collections.Immutable;

namespace NeuroCompiler.Targets;

/// <summary>How a signed weight is stored in conductances.</summary>
public enum WeightScheme
{
    /// <summary>Two cells per weight, G+ and G−: w ∝ G+ − G−.</summary>
    Differential,
    /// <summary>One cell per weight around a reference conductance: w ∝ G − G_ref.</summary>
    Offset,
    /// <summary>Several cells per weight, each holding a slice of its bits (its sign in a differential pair).</summary>
    BitSliced,
}

public sealed record CrossbarArray(int Rows, int Columns, int Tiles);

public sealed record WeightEncoding(WeightScheme Scheme, int LevelsPerCell, int CellsPerWeight);

/// <summary>Drift exponent ν as a function of conductance: G(t) = G0 (t / t0)^−ν, ν ~ normal(mean, sd), interpolated in G.</summary>
public sealed record DriftPoint(double Conductance, double NuMean, double NuSd);

public sealed record ConductanceDrift(double T0, ImmutableArray<DriftPoint> Nu);

/// <summary>
/// The memristive cell: conductance range (siemens); programming noise σ (siemens, or relative to
/// the target conductance); read noise σ relative to the conductance; drift; stuck-at fault rates;
/// and for learning on chip, how unequal and non-linear its up and down steps are.
/// </summary>
public sealed record MemristorDevice(double GMin, double GMax, double ProgrammingSigma, double ProgrammingRelativeSigma, double ReadRelativeSigma,
    ConductanceDrift? Drift, double StuckAtGMin, double StuckAtGMax, double WriteAsymmetry, double WriteNonlinearity);

public sealed record CrossbarPeriphery(int DacBits, int AdcBits, int ColumnsPerAdc, double ReadVoltage);

/// <summary>A memristor crossbar target (family <c>memristor_crossbar</c>).</summary>
/// <remarks>Rows are driven by spikes through per-row delay lines of <see cref="Delays"/> device steps.</remarks>
public sealed record CrossbarHardware(CrossbarArray Array, WeightEncoding Encoding, MemristorDevice Device, CrossbarPeriphery Periphery,
    NeuronCircuit Neuron, DelayRange Delays, OperationCosts Costs, bool LearnsOnChip) : TargetHardware
{
    public override string Describe() =>
        $"memristor crossbar, {Array.Tiles} tiles of {Array.Rows}×{Array.Columns}, {Encoding.Scheme.ToString().ToLowerInvariant()} weights, " +
        $"{Encoding.LevelsPerCell} levels per cell, G {Device.GMin * 1e6:0.###}–{Device.GMax * 1e6:0.###} µS, ADC {Periphery.AdcBits} bits";
}
