using System.Globalization;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>Numbers in messages, in the units a user wrote them in.</summary>
internal static class Format
{
    public static string Seconds(double seconds) => Core.Time.TimeSteps.Seconds(seconds);

    public static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
