using System.Collections.Immutable;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Units;
using NeuroCompiler.Targets.Configuration;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets;

/// <summary>Memristor crossbars (RRAM, PCM): weights as conductances in tiles of rows × columns, read through DACs and ADCs.</summary>
public sealed class CrossbarFamily : ITargetFamily
{
    public string Name => "memristor_crossbar";

    public ITargetMapping? Map(MappingRequest request, DiagnosticBag diagnostics) =>
        CrossbarMapper.Map(request, diagnostics) is { } mapping ? new CrossbarTargetMapping(request.Network, mapping) : null;

    public ConfigurationKind Configuration { get; } = new(CrossbarConfiguration.Format, CrossbarConfiguration.LoadableSince);

    public ILoadedConfiguration? Load(string folder, TargetDescription target, DiagnosticBag diagnostics) =>
        CrossbarConfigurationReader.Read(folder, (CrossbarHardware)target.Hardware, diagnostics) is { Outline: not null } configuration
            ? new LoadedCrossbarConfiguration(configuration, (CrossbarHardware)target.Hardware)
            : null;

    private static readonly Dictionary<string, WeightScheme> Schemes = new(StringComparer.Ordinal)
    {
        ["differential"] = WeightScheme.Differential,
        ["offset"] = WeightScheme.Offset,
        ["bit_sliced"] = WeightScheme.BitSliced,
    };

    public TargetHardware? Read(FieldReader description)
    {
        var array = Array(description);
        var encoding = Encoding(description);
        var device = Device(description);
        var periphery = Periphery(description);
        var neuron = CommonFields.Neuron(description);
        var delays = CommonFields.Delays(description);
        var costs = CommonFields.Costs(description);
        bool learns = description.Boolean("learns_on_chip", required: false) ?? false;
        if (array is null || encoding is null || device is null || periphery is null || neuron is null || delays is null || costs is null)
        {
            return null;
        }
        if (encoding.Scheme == WeightScheme.Differential && encoding.CellsPerWeight != 2 ||
            encoding.Scheme == WeightScheme.Offset && encoding.CellsPerWeight != 1 ||
            encoding.Scheme == WeightScheme.BitSliced && (encoding.CellsPerWeight < 4 || encoding.CellsPerWeight % 2 != 0))
        {
            description.Report(ErrorCode.InconsistentTarget, description.Span,
                encoding.Scheme == WeightScheme.BitSliced
                    ? $"a bit-sliced weight takes an even number of cells, at least 4 (two or more slices, each a differential pair), not {encoding.CellsPerWeight} ('weight_encoding.cells_per_weight')"
                    : $"a {encoding.Scheme.ToString().ToLowerInvariant()} weight takes {(encoding.Scheme == WeightScheme.Differential ? 2 : 1)} cell(s), not {encoding.CellsPerWeight} ('weight_encoding.cells_per_weight')");
            return null;
        }
        return new CrossbarHardware(array, encoding, device, periphery, neuron, delays, costs, learns);
    }

    private static CrossbarArray? Array(FieldReader description)
    {
        if (description.Object("array") is not { } array)
        {
            return null;
        }
        var rows = array.Integer("rows", 1, 1 << 16);
        var columns = array.Integer("columns", 1, 1 << 16);
        var tiles = array.Integer("tiles", 1, 1 << 20);
        array.Done();
        return rows is { } r && columns is { } c && tiles is { } t ? new CrossbarArray((int)r, (int)c, (int)t) : null;
    }

    private static WeightEncoding? Encoding(FieldReader description)
    {
        if (description.Object("weight_encoding") is not { } encoding)
        {
            return null;
        }
        var scheme = encoding.Choice("scheme", Schemes.Keys);
        var levels = encoding.Integer("levels_per_cell", 2, 1 << 16);
        long? cells = encoding.Has("cells_per_weight") ? encoding.Integer("cells_per_weight", 1, 64)
            : scheme is null ? null : Schemes[scheme] switch { WeightScheme.Differential => 2, WeightScheme.BitSliced => 4, _ => 1 };
        encoding.Field("cells_per_weight", required: false);
        encoding.Done();
        return scheme is { } s && levels is { } l && cells is { } c ? new WeightEncoding(Schemes[s], (int)l, (int)c) : null;
    }

    private static MemristorDevice? Device(FieldReader description)
    {
        if (description.Object("device") is not { } device)
        {
            return null;
        }
        var gMin = device.Quantity("g_min", Dimension.Siemens, 0, 1);
        var gMax = device.Quantity("g_max", Dimension.Siemens, 0, 1);
        double programming = 0, programmingRelative = 0;
        if (device.Object("programming_noise", required: false) is { } noise)
        {
            programming = noise.Quantity("sigma", Dimension.Siemens, 0, 1, required: false) ?? 0;
            programmingRelative = noise.Number("relative_sigma", 0, 10, required: false) ?? 0;
            noise.Done();
        }
        double read = 0;
        if (device.Object("read_noise", required: false) is { } readNoise)
        {
            read = readNoise.Number("relative_sigma", 0, 10) ?? 0;
            readNoise.Done();
        }
        var drift = device.Object("drift", required: false) is { } d ? Drift(d) : null;
        double stuckMin = 0, stuckMax = 0;
        if (device.Object("stuck_at", required: false) is { } stuck)
        {
            stuckMin = stuck.Number("g_min", 0, 1, required: false) ?? 0;
            stuckMax = stuck.Number("g_max", 0, 1, required: false) ?? 0;
            stuck.Done();
        }
        double asymmetry = 0, nonlinearity = 0;
        if (device.Object("write", required: false) is { } write)
        {
            asymmetry = write.Number("asymmetry", -1, 1, required: false) ?? 0;
            nonlinearity = write.Number("nonlinearity", 0, 100, required: false) ?? 0;
            write.Done();
        }
        device.Done();
        if (gMin is { } lo && gMax is { } hi && lo >= hi)
        {
            device.Report(ErrorCode.InconsistentTarget, device.Span, $"'device.g_min' ({lo:G3} S) must be below 'device.g_max' ({hi:G3} S)");
            return null;
        }
        if (stuckMin + stuckMax > 1)
        {
            device.Report(ErrorCode.InconsistentTarget, device.Span, "the stuck-at fault rates add up to more than 1");
            return null;
        }
        return gMin is { } min && gMax is { } max
            ? new MemristorDevice(min, max, programming, programmingRelative, read, drift, stuckMin, stuckMax, asymmetry, nonlinearity)
            : null;
    }

    /// <summary><c>"drift": { "t0": "20 s", "nu": [ { "g": "1 uS", "mean": 0.1, "sd": 0.02 }, ... ] }</c>, by ascending conductance.</summary>
    private static ConductanceDrift? Drift(FieldReader drift)
    {
        var t0 = drift.Quantity("t0", Dimension.Second, 1e-9, 1e9);
        var points = ImmutableArray.CreateBuilder<DriftPoint>();
        if (drift.Array("nu") is { } nu)
        {
            int index = 0;
            foreach (var item in nu.Items)
            {
                if (item is not JsonObject o)
                {
                    drift.Report(ErrorCode.TargetValueType, item.Span, $"the items of '{drift.Path}.nu' must be objects {{ \"g\": ..., \"mean\": ..., \"sd\": ... }}, not {item.Kind}");
                    continue;
                }
                var point = new FieldReader(o, $"{drift.Path}.nu[{index++}]", drift.Text, drift.Diagnostics);
                var g = point.Quantity("g", Dimension.Siemens, 0, 1);
                var mean = point.Number("mean", 0, 1);
                var sd = point.Number("sd", 0, 1);
                point.Done();
                if (g is { } gv && mean is { } m && sd is { } s)
                {
                    if (points.Count > 0 && gv <= points[^1].Conductance)
                    {
                        drift.Report(ErrorCode.InconsistentTarget, o.Span, $"'{drift.Path}.nu' must list conductances in ascending order");
                    }
                    points.Add(new DriftPoint(gv, m, s));
                }
            }
            if (nu.Items.IsEmpty)
            {
                drift.Report(ErrorCode.TargetValueOutOfRange, nu.Span, $"'{drift.Path}.nu' needs at least one point");
            }
        }
        drift.Done();
        return t0 is { } t && points.Count > 0 ? new ConductanceDrift(t, points.ToImmutable()) : null;
    }

    private static CrossbarPeriphery? Periphery(FieldReader description)
    {
        if (description.Object("periphery") is not { } periphery)
        {
            return null;
        }
        var dac = periphery.Integer("dac_bits", 1, 32);
        var adc = periphery.Integer("adc_bits", 1, 32);
        var columnsPerAdc = periphery.Integer("columns_per_adc", 1, 1 << 16);
        var voltage = periphery.Quantity("read_voltage", Dimension.Volt, 1e-3, 10);
        periphery.Done();
        return dac is { } d && adc is { } a && columnsPerAdc is { } c && voltage is { } v ? new CrossbarPeriphery((int)d, (int)a, (int)c, v) : null;
    }
}
