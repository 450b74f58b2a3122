using NeuroCompiler.Core.Time;
using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>
/// Compiles a network for a memristor-crossbar target, pass by pass: what the target can run
/// (<see cref="SupportCheck"/>); the neurons' shift decays and integers (<see cref="ShiftNeuronQuantiser"/>);
/// one column group per (population, state fed by synapses), its weights scaled so that its largest
/// |weight| takes the full conductance swing; delays in device steps on the rows' delay lines; tiles
/// (<see cref="CrossbarTiler"/>); each group's ADC range and digital gain from the sources' firing
/// rates; the costs. With <see cref="MappingOptions.DriftAware"/> the configuration asks the periphery to
/// recalibrate each group's gain for the drift its cells are expected to have had (<see cref="Emulation.ProgrammedArray.Compensation"/>).
/// Every problem is reported; null if there was one.
/// </summary>
/// <remarks>
/// Unused cells stay at g_min, the lowest conductance: raising them out of the fastest-drifting states (tried first)
/// made every unused pair a source of noise that drift then amplifies, and CUBA on pcm-256 lost fidelity with it.
/// </remarks>
public static class CrossbarMapper
{
    public static CrossbarMapping? Map(MappingRequest request, DiagnosticBag diagnostics)
    {
        var (network, target, options) = (request.Network, request.Target, request.Options);
        var hardware = (CrossbarHardware)target.Hardware;
        string? learning = hardware.LearnsOnChip
            ? $"conductance updates with write asymmetry {hardware.Device.WriteAsymmetry:0.##} and non-linearity {hardware.Device.WriteNonlinearity:0.##}"
            : null;
        if (SupportCheck.Check(network, target, hardware.Neuron, learning, options, diagnostics) is not { } supported)
        {
            return null;
        }
        int errors = diagnostics.Items.Count(d => d.IsError);
        var device = hardware.Device;
        double floor = device.GMin;
        var populations = supported.Neurons.OrderBy(f => f.Key)
            .Select(f => new CrossbarPopulation(f.Key, network.Populations[f.Key].Name, ShiftNeuronQuantiser.Quantise(f.Value, hardware.Neuron, network.Settings.Dt)))
            .ToImmutableArray();
        var changes = supported.Changes.ToBuilder();
        var steps = ImmutableArray.CreateBuilder<string>();
        double deviceDt = hardware.Neuron.Timestep;
        // Column groups: (population, state), in population order then state slot.
        var groupKeys = supported.Weights.Values
            .Select(w => (Population: network.Projections[w.Projection].Target.Population, w.TargetState))
            .Where(k => supported.Neurons.ContainsKey(k.Population))
            .Distinct().OrderBy(k => k.Population).ThenBy(k => k.TargetState).ToList();
        if (PerTile(hardware, floor) == 0)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations.FirstOrDefault()?.Location,
                $"a tile of {hardware.Array.Columns} columns cannot hold one weight of {CellEncoding.For(hardware, floor, 1).ColumnsPerWeight} columns");
            return null;
        }
        // A lower bound before any per-synapse work: every group needs its neurons' columns and its synapses' cells.
        long available = hardware.Array.Tiles;
        long atLeast = groupKeys.Sum(k =>
        {
            var encoding = CellEncoding.For(hardware, floor, 1);
            int perTile = CrossbarTiler.NeuronsPerTile(hardware.Array, encoding);
            long synapses = Incoming(network, supported, k).Sum(p => (long)(p.Synapses?.Count ?? 0));
            return Math.Max((network.Populations[k.Population].Size + perTile - 1) / perTile,
                (synapses + (long)perTile * hardware.Array.Rows - 1) / ((long)perTile * hardware.Array.Rows));
        });
        if (atLeast > available)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations.FirstOrDefault()?.Location,
                $"the network needs at least {atLeast:N0} tiles of {hardware.Array.Rows}×{hardware.Array.Columns}, and the target has {available:N0}");
            return null;
        }
        var groups = new List<(int Population, int State, CellEncoding Encoding, List<CrossbarTile> Tiles)>();
        var projections = ImmutableArray.CreateBuilder<CrossbarProjection>();
        var tiles = new List<CrossbarTile>();
        foreach (var key in groupKeys)
        {
            var incoming = Incoming(network, supported, key).ToList();
            double largest = incoming.SelectMany(p => supported.Weights[p.Index].Values).Select(Math.Abs).DefaultIfEmpty(0).Max();
            var encoding = CellEncoding.For(hardware, floor, largest);
            var synapses = new List<GroupSynapse>();
            foreach (var projection in incoming)
            {
                var values = supported.Weights[projection.Index].Values;
                var table = projection.Synapses!;
                int clamped = 0;
                for (int s = 0; s + 1 < table.RowStart.Length; s++)
                {
                    for (int k = table.RowStart[s]; k < table.RowStart[s + 1]; k++)
                    {
                        int delay = (int)TimeSteps.Round(table.Delay(k) * network.Settings.Dt, deviceDt);
                        if (delay < hardware.Delays.MinSteps || delay > hardware.Delays.MaxSteps)
                        {
                            clamped++;
                            delay = Math.Clamp(delay, hardware.Delays.MinSteps, hardware.Delays.MaxSteps);
                        }
                        synapses.Add(new GroupSynapse(table.Targets[k], new TileRow(projection.Source.Population, projection.Source.Start + s, delay), values[k]));
                    }
                }
                if (clamped > 0 && !options.ClampDelays)
                {
                    diagnostics.Error(ErrorCode.TargetTransformationNeeded, projection.Location,
                        $"{clamped:N0} synapses of '{projection.Name}' have delays outside {hardware.Delays.MinSteps}–{hardware.Delays.MaxSteps} device steps of {deviceDt * 1e3:G4} ms (the rows' delay lines); allow clamping them to the range (--clamp-delays) to map it");
                }
                else if (clamped > 0)
                {
                    changes.Add($"projection {projection.Name}: {clamped:N0} delays clamped to {hardware.Delays.MinSteps}–{hardware.Delays.MaxSteps} steps");
                }
                var encoded = values.Select(encoding.Encode).ToList();
                var stats = WeightQuantiser.Stats(values, encoded.Select(e => e.Realised).ToList(), largest / encoding.TopMagnitude, encoded.Select(e => e.Clipped));
                projections.Add(new CrossbarProjection(projection.Index, projection.Name, groups.Count, network.Populations[key.Population].Model!.States[key.TargetState].Name,
                    stats, clamped));
            }
            var groupTiles = CrossbarTiler.Tile(groups.Count, network.Populations[key.Population].Size, synapses.ToArray(), hardware.Array, encoding, tiles.Count, out long merged);
            if (merged > 0)
            {
                changes.Add($"{network.Populations[key.Population].Name}.{network.Populations[key.Population].Model!.States[key.TargetState].Name}: {merged:N0} synapses share a cell with another from the same neuron and delay (weights added)");
            }
            tiles.AddRange(groupTiles);
            groups.Add((key.Population, key.TargetState, encoding, groupTiles));
            steps.Add($"{network.Populations[key.Population].Name}.{network.Populations[key.Population].Model!.States[key.TargetState].Name}: {synapses.Count:N0} synapses on {groupTiles.Count} tile(s), " +
                $"{groupTiles.Max(t => t.Rows.Length)} rows at most");
        }
        if (tiles.Count > available)
        {
            diagnostics.Error(ErrorCode.TargetLimitExceeded, network.Populations.FirstOrDefault()?.Location,
                $"the network needs {tiles.Count:N0} tiles of {hardware.Array.Rows}×{hardware.Array.Columns}, and the target has {available:N0}");
        }
        if (diagnostics.Items.Count(d => d.IsError) > errors)
        {
            return null;
        }
        var rates = request.Rates();
        var columnGroups = groups.Select((g, i) => Periphery(i, g.Population, g.State, g.Encoding, g.Tiles, network, populations, hardware, rates)).ToImmutableArray();
        return new CrossbarMapping(target, columnGroups, tiles.ToImmutableArray(), populations, projections.ToImmutable(), steps.ToImmutable(),
            changes.ToImmutable(), Costs(network, tiles, populations, hardware, rates), options.DriftAware, options.FaultAware);
    }

    private static int PerTile(CrossbarHardware hardware, double floor) => CrossbarTiler.NeuronsPerTile(hardware.Array, CellEncoding.For(hardware, floor, 1));

    private static IEnumerable<Projection> Incoming(Network network, SupportedNetwork supported, (int Population, int TargetState) key) =>
        network.Projections.Where(p => p.Target.Population == key.Population && supported.Weights.TryGetValue(p.Index, out var w) && w.TargetState == key.TargetState);

    /// <summary>
    /// A group's ADC range: at most A rows at the largest weight at once, A the largest over its tiles of μ + 4√μ
    /// (rounded up, at least 1), μ the expected number of rows active in a step given the sources' rates. One ADC
    /// code is then a known weight, and the gain turns it into integers of the state (16-bit mantissa and a shift).
    /// </summary>
    private static ColumnGroup Periphery(int index, int population, int state, CellEncoding encoding, List<CrossbarTile> tiles, Network network,
        ImmutableArray<CrossbarPopulation> populations, CrossbarHardware hardware, IReadOnlyDictionary<int, double> rates)
    {
        double dt = hardware.Neuron.Timestep;
        double mu = tiles.Select(t => t.Rows.Sum(r => rates.GetValueOrDefault(r.SourcePopulation) * dt)).DefaultIfEmpty(0).Max();
        int active = Math.Max(1, (int)Math.Ceiling(mu + 4 * Math.Sqrt(mu)));
        double sliceSwing = (encoding.Scheme == WeightScheme.Offset ? encoding.BaseLevel : encoding.Levels - 1) * encoding.LevelStep;
        double fullScale = hardware.Periphery.ReadVoltage * active * sliceSwing;
        double lsb = fullScale / ((1L << (hardware.Periphery.AdcBits - 1)) - 1);
        string stateName = network.Populations[population].Model!.States[state].Name;
        var neuron = populations.Single(p => p.Population == population).Neuron;
        double unit = neuron.StateUnits.Single(u => u.State == stateName).Unit;
        double gain = unit != 0 ? lsb / hardware.Periphery.ReadVoltage * encoding.WeightPerSiemens / unit : 0;
        var fixedGain = FixedPoint.Of(gain);
        return new ColumnGroup(index, population, stateName, encoding, fullScale, active, fixedGain.Mantissa, fixedGain.Shift, unit);
    }

    /// <summary>
    /// Per simulated second from the sources' rates: each row activates at its source's rate and reads every used
    /// column of its tile; a tile converts its used columns in every step with an active row (probability 1 − e^−μ);
    /// every row activation is a spike sent to a tile; every neuron updates every step. One step's latency: the
    /// ADCs convert their columns one after another (columns per ADC reads), then a hop.
    /// </summary>
    private static CrossbarCosts Costs(Network network, List<CrossbarTile> tiles, ImmutableArray<CrossbarPopulation> populations, CrossbarHardware hardware,
        IReadOnlyDictionary<int, double> rates)
    {
        double dt = hardware.Neuron.Timestep;
        double activations = 0, reads = 0, conversions = 0;
        foreach (var tile in tiles)
        {
            double rowRate = tile.Rows.Sum(r => rates.GetValueOrDefault(r.SourcePopulation));
            activations += rowRate;
            reads += rowRate * tile.ColumnsUsed;
            conversions += (1 - Math.Exp(-rowRate * dt)) / dt * tile.ColumnsUsed;
        }
        double updates = populations.Sum(p => network.Populations[p.Population].Size) / dt;
        var c = hardware.Costs;
        double energy = reads * c.ReadEnergy + conversions * c.ConversionEnergy + activations * c.SpikeHopEnergy + updates * c.NeuronUpdateEnergy;
        double latency = Math.Min(hardware.Periphery.ColumnsPerAdc, hardware.Array.Columns) * c.ReadLatency + c.HopLatency;
        return new CrossbarCosts(activations, reads, conversions, activations, updates, energy, latency);
    }
}
