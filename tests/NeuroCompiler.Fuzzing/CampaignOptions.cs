namespace NeuroCompiler.Fuzzing;

/// <summary>How many inputs, from which seed, in how many worker processes, and the time each input may take.</summary>
public sealed record CampaignOptions
{
    public required string Repository { get; init; }

    public int Seed { get; init; } = 1;

    public long Count { get; init; } = 1000;

    public int Workers { get; init; } = 2;

    /// <summary>Every how many inputs one runs on the cpu backend too (Roslyn: about a second each); 0 for never.</summary>
    public int CpuEvery { get; init; } = 200;

    /// <summary>Inputs per worker process before it is replaced.</summary>
    public int Recycle { get; init; } = 2000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CpuTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The workers' GC heap limit: neuroc sizes its memory budget from it, so no input can take the machine.</summary>
    public long HeapLimitBytes { get; init; } = 1L << 30;

    public string KernelCache { get; init; } = Path.Combine(Path.GetTempPath(), "neuroc-fuzz-kernels");

    public Action<string>? Progress { get; init; }
}
