using NeuroCompiler.Core.Text;

namespace NeuroCompiler.IR.Memory;

/// <summary>One share of the estimate: its part, its bytes, how they come about in words (may be empty) and the model's place that causes it.</summary>
public sealed record MemoryItem(MemoryPart Part, long Bytes, string Detail, SourceLocation? Location);
