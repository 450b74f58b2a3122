using System.Globalization;

namespace NeuroCompiler.Driver;

/// <summary>How much memory a model may use on this machine, now.</summary>
public static class AvailableMemory
{
    /// <summary>
    /// <see cref="Core.Limits.MemoryBudgetFraction"/> of the machine's memory (or the container's limit), and no more than what is free now
    /// (Linux's MemAvailable: free memory plus caches it can drop): on a machine others use, a model
    /// that fits the machine but not what is left would be killed part way, its run lost.
    /// </summary>
    public static long Budget()
    {
        long total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long budget = total > 0 ? (long)(total * Core.Limits.MemoryBudgetFraction) : 8L << 30;
        return Free() is { } free ? Math.Min(budget, free) : budget;
    }

    /// <summary>MemAvailable from /proc/meminfo, in bytes; null where there is none.</summary>
    public static long? Free()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal) &&
                    long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
