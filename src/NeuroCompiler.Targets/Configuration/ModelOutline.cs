using System.Collections.Immutable;
using System.Text.Json;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.IR;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// What running a configuration needs of its model besides the cores or tiles, so that it runs without the model
/// (<c>neuroc load</c>): every population (on the device, or an input), the model's time step (input spike times are
/// whole steps of it, turned into device steps as <c>verify --target</c> does) and its duration (how long to run).
/// In the manifest: <c>model_timestep_s</c>, <c>duration_s</c>, <c>populations</c> [{ <c>index</c>, <c>name</c>,
/// <c>size</c>, <c>on_chip</c> }].
/// </summary>
public sealed record ModelOutline(double ModelTimestep, double Duration, ImmutableArray<ModelPopulation> Populations)
{
    public static ModelOutline Of(Network network, IReadOnlySet<int> onChip) =>
        new(network.Settings.Dt, network.Settings.Duration,
            network.Populations.Select(p => new ModelPopulation(p.Index, p.Name, p.Size, onChip.Contains(p.Index))).ToImmutableArray());

    public ModelPopulation? Find(int index) => Populations.FirstOrDefault(p => p.Index == index);

    public void Write(Utf8JsonWriter json)
    {
        json.WriteNumber("model_timestep_s", ModelTimestep);
        json.WriteNumber("duration_s", Duration);
        json.WriteStartArray("populations");
        foreach (var p in Populations)
        {
            json.WriteStartObject();
            json.WriteNumber("index", p.Index);
            json.WriteString("name", p.Name);
            json.WriteNumber("size", p.Size);
            json.WriteBoolean("on_chip", p.OnChip);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Reads and checks the outline (indices and names distinct); null after errors, all reported.</summary>
    public static ModelOutline? Read(FieldReader manifest)
    {
        var dt = manifest.Number("model_timestep_s", 1e-9, 10);
        var duration = manifest.Number("duration_s", 0, 1e9);
        var populations = ImmutableArray.CreateBuilder<ModelPopulation>();
        bool ok = dt is not null && duration is not null;
        if (manifest.Array("populations") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (item is not JsonObject o)
                {
                    manifest.Report(ErrorCode.TargetValueType, item.Span, "each population is an object { index, name, size, on_chip }");
                    ok = false;
                    continue;
                }
                var p = new FieldReader(o, $"populations[{populations.Count}]", manifest.Text, manifest.Diagnostics);
                var index = p.Integer("index", 0, int.MaxValue);
                var name = p.String("name");
                var size = p.Integer("size", 1, int.MaxValue);
                var onChip = p.Boolean("on_chip");
                p.Done();
                if (index is not { } i || name is null || size is not { } n || onChip is not { } chip)
                {
                    ok = false;
                    continue;
                }
                if (populations.Any(q => q.Index == i || q.Name == name))
                {
                    manifest.Report(ErrorCode.ConfigurationInconsistent, item.Span, $"population {i} ('{name}') is listed twice");
                    ok = false;
                    continue;
                }
                populations.Add(new ModelPopulation((int)i, name, (int)n, chip));
            }
        }
        else
        {
            ok = false;
        }
        return ok ? new ModelOutline(dt!.Value, duration!.Value, populations.ToImmutable()) : null;
    }
}
