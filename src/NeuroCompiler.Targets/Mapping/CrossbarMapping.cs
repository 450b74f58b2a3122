using System.Collections.Immutable;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>A row of a tile: the spikes of one presynaptic neuron, through a delay line of <see cref="Delay"/> device steps.</summary>
public readonly record struct TileRow(int SourcePopulation, int SourceNeuron, int Delay);

/// <summary>A cell programmed to a level other than its encoding's base level (<see cref="CellEncoding.BaseLevel"/>).</summary>
public readonly record struct TileCell(int Row, int Column, int Level);

/// <summary>
/// One tile: rows of presynaptic spikes onto the columns of neurons [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>)
/// of its column group's population; neuron j's weight occupies columns j·w to j·w + w − 1 (w the columns per weight),
/// and with an offset encoding the last used column is the reference. <see cref="Synapses"/> counts the synapses it holds.
/// </summary>
public sealed record CrossbarTile(int Tile, int Group, int Start, int Count, ImmutableArray<TileRow> Rows, ImmutableArray<TileCell> Cells, long Synapses,
    int ColumnsUsed);

/// <summary>
/// The columns that feed one state of one population (<see cref="State"/> of <see cref="Population"/>): their weight
/// encoding and scale, and the periphery's conversion of a column's current into the state's integers. The ADC
/// digitises the current of a slice (I_a − I_b) in steps of <see cref="Lsb"/>, the largest code meaning <see cref="AdcFullScale"/> amperes
/// (two's complement, clipped at its bits); the state gains (code · L^slice · <see cref="GainMantissa"/>) ≫ <see cref="GainShift"/>,
/// rounded. The full scale holds <see cref="ActiveRows"/> rows at the largest weight at once.
/// </summary>
public sealed record ColumnGroup(int Group, int Population, string State, CellEncoding Encoding, double AdcFullScale, int ActiveRows,
    long GainMantissa, int GainShift, double StateUnit)
{
    /// <summary>The current of one ADC code: the full scale is the largest code, 2^(bits − 1) − 1.</summary>
    public double Lsb(int adcBits) => AdcFullScale / ((1L << (adcBits - 1)) - 1);
}

/// <summary>A projection on a crossbar: the scale of its column group and what quantising its weights cost.</summary>
public sealed record CrossbarProjection(int Projection, string Name, int Group, string TargetState, QuantisationStats Weights, int DelaysClamped);

/// <summary>A population's neuron circuits.</summary>
public sealed record CrossbarPopulation(int Population, string Name, ShiftNeuron Neuron);

/// <summary>Per simulated second: row activations, cells read, conversions, spikes sent to tiles, neuron updates; their energy; a step's latency.</summary>
public sealed record CrossbarCosts(double RowActivations, double CellReads, double Conversions, double TileSpikes, double NeuronUpdates,
    double EnergyPerSecond, double StepLatency);

/// <summary>A network compiled for a memristor-crossbar target.</summary>
public sealed record CrossbarMapping(TargetDescription Target, ImmutableArray<ColumnGroup> Groups, ImmutableArray<CrossbarTile> Tiles,
    ImmutableArray<CrossbarPopulation> Populations, ImmutableArray<CrossbarProjection> Projections, ImmutableArray<string> Steps,
    ImmutableArray<string> Changes, CrossbarCosts Costs, bool DriftAware, bool FaultAware);
