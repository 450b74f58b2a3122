using System.Collections.Immutable;
using System.Text.Json;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Targets.Json;
using NeuroCompiler.Targets.Mapping;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>
/// The manifest's <c>learning</c> list, one object per projection that learns on chip, its fields named as in
/// <see cref="LearningConfiguration"/> (snake case); written only when a projection learns, read back and checked
/// against the projections the manifest names and the target's trace width and decay unity.
/// </summary>
public static class LearningConfigurationJson
{
    public static void Write(Utf8JsonWriter json, ImmutableArray<LearningConfiguration> learning)
    {
        if (learning.IsEmpty)
        {
            return;
        }
        json.WriteStartArray("learning");
        foreach (var l in learning)
        {
            json.WriteStartObject();
            json.WriteNumber("projection", l.Projection);
            json.WriteString("rule", l.Rule);
            json.WriteNumber("trace_bits", l.TraceBits);
            json.WriteNumber("decay_unity", l.DecayUnity);
            json.WriteNumber("pre_decay", l.PreDecay);
            json.WriteNumber("post_decay", l.PostDecay);
            json.WriteNumber("pre_impulse", l.PreImpulse);
            json.WriteNumber("post_impulse", l.PostImpulse);
            json.WriteNumber("potentiation_mantissa", l.PotentiationMantissa);
            json.WriteNumber("potentiation_shift", l.PotentiationShift);
            json.WriteNumber("depression_mantissa", l.DepressionMantissa);
            json.WriteNumber("depression_shift", l.DepressionShift);
            json.WriteNumber("weight_min", l.WeightMin);
            json.WriteNumber("weight_max", l.WeightMax);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static ImmutableArray<LearningConfiguration> Read(FieldReader manifest, IReadOnlySet<int> projections, DigitalHardware? hardware)
    {
        var result = ImmutableArray.CreateBuilder<LearningConfiguration>();
        if (manifest.Array("learning", required: false) is not { } list)
        {
            return result.ToImmutable();
        }
        foreach (var item in list.Items)
        {
            if (item is not JsonObject o)
            {
                manifest.Report(ErrorCode.TargetValueType, item.Span, "each of 'learning' is an object");
                continue;
            }
            var l = new FieldReader(o, $"learning[{result.Count}]", manifest.Text, manifest.Diagnostics);
            int traceMax = hardware?.Learning.TraceBits ?? 32;
            int unity = hardware?.Formats.DecayUnity ?? int.MaxValue;
            var projection = l.Integer("projection", 0, int.MaxValue);
            var rule = l.Choice("rule", new[] { LearningQuantiser.PairStdp });
            var bits = l.Integer("trace_bits", 1, traceMax);
            var decayUnity = l.Integer("decay_unity", 1, unity);
            var preDecay = l.Integer("pre_decay", 0, unity);
            var postDecay = l.Integer("post_decay", 0, unity);
            var preImpulse = l.Integer("pre_impulse", 0, (1L << traceMax) - 1);
            var postImpulse = l.Integer("post_impulse", 0, (1L << traceMax) - 1);
            var potentiation = l.Integer("potentiation_mantissa", 0, 1 << 16);
            var potentiationShift = l.Integer("potentiation_shift", -62, 62);
            var depression = l.Integer("depression_mantissa", 0, 1 << 16);
            var depressionShift = l.Integer("depression_shift", -62, 62);
            var low = l.Integer("weight_min", int.MinValue, int.MaxValue);
            var high = l.Integer("weight_max", int.MinValue, int.MaxValue);
            l.Done();
            if (projection is { } p && !projections.Contains((int)p))
            {
                l.Report(ErrorCode.TargetValueOutOfRange, o.Span, $"'learning[{result.Count}].projection' is {p}, and no projection has that index");
                continue;
            }
            if (projection is { } pr && rule is { } r && bits is { } b && decayUnity is { } u && preDecay is { } dp && postDecay is { } dq && preImpulse is { } ip &&
                postImpulse is { } iq && potentiation is { } pm && potentiationShift is { } ps && depression is { } dm && depressionShift is { } ds && low is { } lo && high is { } hi)
            {
                result.Add(new LearningConfiguration((int)pr, r, (int)b, (int)u, (int)dp, (int)dq, (int)ip, (int)iq, pm, (int)ps, dm, (int)ds, (int)lo, (int)hi));
            }
        }
        return result.ToImmutable();
    }
}
