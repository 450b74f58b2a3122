using NeuroCompiler.CodeGen.Emit;

namespace NeuroCompiler.Gpu.Emit;

/// <summary>
/// A projection's gather kernel body (<see cref="GatherEmitter"/>): its lines for target <c>j</c>, the
/// arrays they read and write besides the queues (by name, each with its role: the target
/// population's arrays, or the projection's per-synapse values), whether they read the time
/// (<c>a.t</c>), and the target population's index.
/// </summary>
internal sealed record GatherBody(IReadOnlyList<string> Lines, IReadOnlyList<KernelArray> Arrays, bool ReadsTime, int Target);
