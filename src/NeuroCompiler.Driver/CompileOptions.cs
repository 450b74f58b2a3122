using NeuroCompiler.Semantics;

namespace NeuroCompiler.Driver;

/// <summary>How far to take a model and what to override on the way.</summary>
public sealed record CompileOptions
{
    public static readonly CompileOptions Default = new();

    /// <summary>--set NAME=VALUE, --seed and --duration, all as overrides of model params and settings.</summary>
    public IReadOnlyList<ParameterOverride> Overrides { get; init; } = Array.Empty<ParameterOverride>();

    /// <summary>Build the synapses (the last pass). Off for <c>check</c> and <c>ir</c> unless asked.</summary>
    public bool InstantiateConnectivity { get; init; } = true;

    /// <summary>Memory the model may use; the connectivity pass refuses a model estimated to need more.</summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudget();

    public static long DefaultMemoryBudget()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available > 0 ? (long)(available * 0.8) : 8L << 30;
    }
}
