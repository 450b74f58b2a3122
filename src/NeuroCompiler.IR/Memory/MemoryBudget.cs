namespace NeuroCompiler.IR.Memory;

/// <summary>The memory a command may use (<see cref="AvailableBytes"/>) and what its process holds besides the network.</summary>
public sealed record MemoryBudget(long AvailableBytes, ProcessFootprint Footprint)
{
    /// <summary>No limit, for the reference interpreter: what tests and tools that do not ask get.</summary>
    public static MemoryBudget Unlimited { get; } = new(long.MaxValue, ProcessFootprint.Interpreted);
}
