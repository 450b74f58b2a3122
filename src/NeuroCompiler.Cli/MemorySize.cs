using System.Globalization;

namespace NeuroCompiler.Cli;

/// <summary>A size in bytes as a user writes it: <c>512MiB</c>, <c>2GiB</c>, <c>4GB</c>, <c>1000000</c>.</summary>
internal static class MemorySize
{
    private static readonly (string Unit, long Factor)[] Units =
    {
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1000), ("KB", 1000), ("B", 1),
    };

    /// <summary>The bytes, or null when the text is not a positive size that fits 64 bits.</summary>
    public static long? Parse(string text)
    {
        text = text.Trim();
        var (unit, factor) = Units.FirstOrDefault(u => text.EndsWith(u.Unit, StringComparison.Ordinal), ("", 1));
        string number = text[..^unit.Length].Trim();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }
        double bytes = value * factor;
        return bytes >= 1 && bytes < long.MaxValue ? (long)bytes : null;
    }
}
