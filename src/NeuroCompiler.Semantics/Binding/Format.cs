using System.Globalization;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>Numbers in messages, in the units a user wrote them in.</summary>
internal static class Format
{
    public static string Seconds(double seconds) =>
        Math.Abs(seconds) >= 1 ? $"{G(seconds)} s" : $"{G(seconds * 1e3)} ms";

    public static string G(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
