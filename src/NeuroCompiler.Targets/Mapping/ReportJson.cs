using System.Text.Json;

namespace NeuroCompiler.Targets.Mapping;

/// <summary>The parts of <c>report.json</c> every family writes the same way.</summary>
public static class ReportJson
{
    /// <summary>What quantising a projection's weights cost: <c>weight_step</c>, <c>rms_error</c>, <c>max_error</c>, <c>clipped_fraction</c>, <c>zeroed_fraction</c>, <c>levels_used</c>.</summary>
    public static void WriteWeights(Utf8JsonWriter json, QuantisationStats weights)
    {
        json.WriteNumber("weight_step", weights.Step);
        json.WriteNumber("rms_error", weights.RmsError);
        json.WriteNumber("max_error", weights.MaxError);
        json.WriteNumber("clipped_fraction", weights.ClippedFraction);
        json.WriteNumber("zeroed_fraction", weights.ZeroedFraction);
        json.WriteNumber("levels_used", weights.LevelsUsed);
    }

    /// <summary>A list of sentences (the changes made to the network, the warnings).</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStringValue(item);
        }
        json.WriteEndArray();
    }

    /// <summary>A time constant in seconds, −1 for none (no decay at all).</summary>
    public static double Seconds(double tau) => double.IsFinite(tau) ? tau : -1;
}
