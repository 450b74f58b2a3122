using System.Collections.Immutable;
using NeuroCompiler.Runtime;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Emulation;

/// <summary>What a crossbar emulation counted: conversions, and those the ADC clipped.</summary>
public sealed record CrossbarCounts(long Conversions, long Clipped);

/// <summary>
/// Runs a crossbar configuration as the device would, <see cref="Time"/> seconds after it was programmed. The
/// cells' conductances are fixed for the run (<see cref="ProgrammedArray"/>: faults, programming noise, drift).
/// With a fault-aware configuration, programming reads every pair back: where one cell is stuck, its partner is
/// programmed so that the pair's difference is the one asked for, as far as the partner's range allows.
/// One device step:
/// <list type="number">
/// <item>every neuron circuit decays its states by shifts; the membrane, unless refractory, adds the other
/// states (from the start of the step) and its bias;</item>
/// <item>each tile with active rows (spikes that left their source <c>delay</c> steps ago) reads its columns:
/// slice current I = V_read Σ_active (G_a − G_b) + read noise, drawn once per column and step with the
/// spread of the cells' own (σ_read·V_read·√Σ (G_a² + G_b²)); the ADC rounds it to its bits over the group's
/// range (clipping at the ends); the gain turns the codes into integers of the state, which gains them;</item>
/// <item>a neuron above its threshold spikes, returns to 0 (the reset) and is refractory.</item>
/// </list>
/// States saturate at the circuit's state bits. The same configuration, seed and time give the same spikes.
/// </summary>
public sealed class CrossbarEmulator
{
    private static readonly uint ReadStream = CounterRng.StreamId("crossbar.read");

    private readonly CrossbarConfiguration _configuration;
    private readonly CrossbarHardware _hardware;
    private readonly ulong _seed;
    private readonly long _stateMax, _stateMin;
    private readonly Dictionary<int, Circuit> _circuits = new();
    private readonly TileState[] _tiles;
    private readonly Dictionary<(int Population, int Neuron), List<(int Tile, int Row, int Delay)>> _fanOut = new();
    private readonly int _maxDelay = 1;

    private sealed class Circuit
    {
        public required NeuronConfiguration Config;
        public required long[] V;
        public required long[][] X;
        public required ImmutableArray<int>[] XShifts;
        public required ImmutableArray<int> VShifts;
        public required string[] XNames;
        public required int[] Refractory;
    }

    private sealed class TileState
    {
        public required CrossbarTile Tile;
        public required ColumnGroup Group;
        public required int Slices;
        public required double[] D;      // [row][neuron·slices + slice]: G_a − G_b
        public required double[] S;      // [row][neuron·slices + slice]: G_a² + G_b²
        public required int StateIndex;  // −1: the membrane
        public required double Compensation;
        public List<int> Active { get; } = new();
    }

    public CrossbarEmulator(CrossbarConfiguration configuration, CrossbarHardware hardware, ulong seed, double time, Func<NeuronConfiguration, long[]> initialMembrane)
    {
        _configuration = configuration;
        _hardware = hardware;
        _seed = seed;
        Time = time;
        _stateMax = (1L << (hardware.Neuron.StateBits - 1)) - 1;
        _stateMin = -(1L << (hardware.Neuron.StateBits - 1));
        foreach (var neuron in configuration.Neurons)
        {
            var others = neuron.Decays.Where(d => d.State != neuron.Membrane).ToArray();
            _circuits[neuron.Population] = new Circuit
            {
                Config = neuron,
                V = initialMembrane(neuron),
                X = others.Select(_ => new long[neuron.Size]).ToArray(),
                XShifts = others.Select(d => d.Shifts).ToArray(),
                XNames = others.Select(d => d.State).ToArray(),
                VShifts = neuron.Decays.Single(d => d.State == neuron.Membrane).Shifts,
                Refractory = new int[neuron.Size],
            };
        }
        _tiles = configuration.Tiles.Select(tile =>
        {
            var group = configuration.Groups[tile.Group];
            var circuit = _circuits[group.Population];
            double compensation = configuration.DriftAware
                ? ProgrammedArray.Compensation(hardware.Device, group.Encoding, configuration.Tiles.Where(t => t.Group == group.Group), time)
                : 1;
            return Program(tile, group, circuit, compensation);
        }).ToArray();
        foreach (var state in _tiles)
        {
            for (int r = 0; r < state.Tile.Rows.Length; r++)
            {
                var row = state.Tile.Rows[r];
                var key = (row.SourcePopulation, row.SourceNeuron);
                if (!_fanOut.TryGetValue(key, out var list))
                {
                    _fanOut[key] = list = new List<(int, int, int)>();
                }
                list.Add((state.Tile.Tile, r, Math.Max(1, row.Delay)));
                _maxDelay = Math.Max(_maxDelay, Math.Max(1, row.Delay));
            }
        }
    }

    /// <summary>Seconds after programming.</summary>
    public double Time { get; }

    public CrossbarCounts Counts { get; private set; } = new(0, 0);

    private TileState Program(CrossbarTile tile, ColumnGroup group, Circuit circuit, double compensation)
    {
        var encoding = group.Encoding;
        int columns = _hardware.Array.Columns;
        int perWeight = encoding.ColumnsPerWeight;
        var levels = new int[tile.Rows.Length * tile.ColumnsUsed];
        Array.Fill(levels, encoding.BaseLevel);
        foreach (var cell in tile.Cells)
        {
            levels[cell.Row * tile.ColumnsUsed + cell.Column] = cell.Level;
        }
        double Target(int row, int column) => encoding.Conductance(levels[row * tile.ColumnsUsed + column]);
        double? Stuck(int row, int column) => ProgrammedArray.Stuck(_hardware.Device, _seed, tile.Tile, row, column, columns);
        double Program(int row, int column, double target) =>
            ProgrammedArray.Programmed(_hardware.Device, target, _seed, tile.Tile, row, column, columns, Time);
        double G(int row, int column) => Stuck(row, column) ?? Program(row, column, Target(row, column));
        int width = tile.Count * encoding.Slices;
        var d = new double[tile.Rows.Length * width];
        var s = new double[tile.Rows.Length * width];
        int reference = tile.ColumnsUsed - 1;
        var device = _hardware.Device;
        for (int r = 0; r < tile.Rows.Length; r++)
        {
            double gRef = encoding.Scheme == WeightScheme.Offset ? G(r, reference) : 0;
            for (int j = 0; j < tile.Count; j++)
            {
                for (int i = 0; i < encoding.Slices; i++)
                {
                    int column = j * perWeight + i * encoding.CellsPerSlice;
                    double a, b;
                    if (encoding.Scheme == WeightScheme.Offset)
                    {
                        (a, b) = (G(r, column), gRef);
                    }
                    else if (_configuration.FaultAware && (Stuck(r, column), Stuck(r, column + 1)) is var (sa, sb) && (sa is null) != (sb is null))
                    {
                        // Program and verify: the pair's healthy cell is set so that the difference is the one asked for, as far as its range allows.
                        double wanted = Target(r, column) - Target(r, column + 1);
                        a = sa ?? Program(r, column, Math.Clamp(sb!.Value + wanted, device.GMin, device.GMax));
                        b = sb ?? Program(r, column + 1, Math.Clamp(sa!.Value - wanted, device.GMin, device.GMax));
                    }
                    else
                    {
                        (a, b) = (G(r, column), G(r, column + 1));
                    }
                    d[r * width + j * encoding.Slices + i] = a - b;
                    s[r * width + j * encoding.Slices + i] = a * a + b * b;
                }
            }
        }
        int stateIndex = group.State == circuit.Config.Membrane ? -1 : Array.IndexOf(circuit.XNames, group.State);
        return new TileState { Tile = tile, Group = group, Slices = encoding.Slices, D = d, S = s, StateIndex = stateIndex, Compensation = compensation };
    }

    /// <summary>Runs <paramref name="steps"/> device steps; <paramref name="inputs"/> are the input populations' spikes, by step.</summary>
    public ImmutableArray<DeviceSpike> Run(long steps, IReadOnlyList<DeviceSpike> inputs)
    {
        var spikes = ImmutableArray.CreateBuilder<DeviceSpike>();
        var pending = Enumerable.Range(0, _maxDelay + 1).Select(_ => new List<(int Tile, int Row)>()).ToArray();
        var byStep = inputs.GroupBy(s => s.Step).ToDictionary(g => g.Key, g => g.ToList());
        var fired = new List<DeviceSpike>();
        long conversions = 0, clipped = 0;
        int adcBits = _hardware.Periphery.AdcBits;
        long codeMax = (1L << (adcBits - 1)) - 1, codeMin = -(1L << (adcBits - 1));
        double voltage = _hardware.Periphery.ReadVoltage, readSigma = _hardware.Device.ReadRelativeSigma;
        for (long t = 0; t < steps; t++)
        {
            foreach (var circuit in _circuits.Values)
            {
                Update(circuit);
            }
            var arriving = pending[t % pending.Length];
            foreach (var (tile, row) in arriving)
            {
                _tiles[tile].Active.Add(row);
            }
            arriving.Clear();
            foreach (var tile in _tiles)
            {
                if (tile.Active.Count == 0)
                {
                    continue;
                }
                var group = tile.Group;
                var circuit = _circuits[group.Population];
                int width = tile.Tile.Count * tile.Slices;
                double lsb = group.Lsb(adcBits);
                for (int c = 0; c < width; c++)
                {
                    double sumD = 0, sumS = 0;
                    foreach (int r in tile.Active)
                    {
                        sumD += tile.D[r * width + c];
                        sumS += tile.S[r * width + c];
                    }
                    double noise = readSigma > 0
                        ? readSigma * Math.Sqrt(sumS) * CounterRng.NormalDouble(_seed, ReadStream, (uint)(tile.Tile.Tile * width + c), (ulong)t)
                        : 0;
                    double current = voltage * (sumD + noise) * tile.Compensation;
                    long code = (long)Math.Round(current / lsb, MidpointRounding.ToEven);
                    conversions++;
                    if (code > codeMax || code < codeMin)
                    {
                        clipped++;
                        code = Math.Clamp(code, codeMin, codeMax);
                    }
                    int neuron = tile.Tile.Start + c / tile.Slices;
                    long increment = new FixedPoint(group.GainMantissa, group.GainShift).Times(code * (long)Math.Pow(group.Encoding.Levels, c % tile.Slices));
                    if (tile.StateIndex < 0)
                    {
                        circuit.V[neuron] = Clamp(circuit.V[neuron] + increment);
                    }
                    else
                    {
                        circuit.X[tile.StateIndex][neuron] = Clamp(circuit.X[tile.StateIndex][neuron] + increment);
                    }
                }
                tile.Active.Clear();
            }
            fired.Clear();
            foreach (var circuit in _circuits.Values)
            {
                var config = circuit.Config;
                for (int i = 0; i < config.Size; i++)
                {
                    if (circuit.Refractory[i] == 0 && circuit.V[i] > config.Threshold)
                    {
                        circuit.V[i] = 0;
                        circuit.Refractory[i] = config.RefractorySteps;
                        fired.Add(new DeviceSpike(t, config.Population, i));
                    }
                }
            }
            spikes.AddRange(fired);
            if (byStep.TryGetValue(t, out var external))
            {
                fired.AddRange(external);
            }
            foreach (var spike in fired)
            {
                if (_fanOut.TryGetValue((spike.Population, spike.Neuron), out var rows))
                {
                    foreach (var (tile, row, delay) in rows)
                    {
                        pending[(t + delay) % pending.Length].Add((tile, row));
                    }
                }
            }
        }
        Counts = new CrossbarCounts(Counts.Conversions + conversions, Counts.Clipped + clipped);
        return spikes.ToImmutable();
    }

    private void Update(Circuit circuit)
    {
        int n = circuit.Config.Size;
        for (int i = 0; i < n; i++)
        {
            if (circuit.Refractory[i] > 0)
            {
                circuit.Refractory[i]--;
            }
            else
            {
                long input = 0;
                for (int k = 0; k < circuit.X.Length; k++)
                {
                    input += circuit.X[k][i];
                }
                circuit.V[i] = Clamp(ShiftDecay.Apply(circuit.V[i], circuit.VShifts) + input + circuit.Config.Bias);
            }
            for (int k = 0; k < circuit.X.Length; k++)
            {
                circuit.X[k][i] = ShiftDecay.Apply(circuit.X[k][i], circuit.XShifts[k]);
            }
        }
    }

    private long Clamp(long value) => Math.Clamp(value, _stateMin, _stateMax);
}
