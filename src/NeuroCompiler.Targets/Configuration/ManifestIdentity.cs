using System.Globalization;
using System.Text.Json;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Json;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// What every configuration's manifest starts with: <c>format</c>, <c>version</c>, <c>model</c>, <c>model_sha256</c>,
/// <c>target</c>, <c>target_sha256</c>, <c>seed</c> (a whole number in a string, so that no reader rounds it) and
/// <c>device_timestep_s</c>.
/// </summary>
public sealed record ManifestIdentity(string Model, string ModelHash, string Target, string TargetHash, ulong Seed, double DeviceTimestep)
{
    /// <summary>The format version the manifest says it is (set when read).</summary>
    public int Version { get; init; }

    public void Write(Utf8JsonWriter json, string format, int version)
    {
        json.WriteString("format", format);
        json.WriteNumber("version", version);
        json.WriteString("model", Model);
        json.WriteString("model_sha256", ModelHash);
        json.WriteString("target", Target);
        json.WriteString("target_sha256", TargetHash);
        json.WriteString("seed", Seed.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("device_timestep_s", DeviceTimestep);
    }

    /// <summary>Reads and checks the identity (a <paramref name="kind"/> configuration of <paramref name="format"/>, versions 1 to <paramref name="version"/>); null after errors, all reported.</summary>
    public static ManifestIdentity? Read(FieldReader manifest, string format, int version, string kind)
    {
        var given = manifest.String("format");
        if (given is not null && given != format)
        {
            manifest.Report(ErrorCode.TargetValueOutOfRange, manifest.Span, $"this is not a {kind} configuration (format \"{given}\", expected \"{format}\")");
        }
        var givenVersion = manifest.Integer("version", 1, version);
        var model = manifest.String("model");
        var modelHash = manifest.String("model_sha256");
        var target = manifest.String("target");
        var targetHash = manifest.String("target_sha256");
        var seedText = manifest.String("seed");
        ulong seed = 0;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            manifest.Report(ErrorCode.TargetValueType, manifest.Span, $"'seed' must be a whole number in a string, not \"{seedText}\"");
            return null;
        }
        var timestep = manifest.Number("device_timestep_s", 1e-9, 10);
        return model is { } m && modelHash is { } mh && target is { } t && targetHash is { } th && seedText is not null && timestep is { } dt && givenVersion is { } v
            ? new ManifestIdentity(m, mh, t, th, seed, dt) { Version = (int)v }
            : null;
    }
}
