using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics;

/// <summary>A task trial: in [<see cref="Time"/>, <see cref="Time"/> + <see cref="Duration"/>) seconds, <see cref="Target"/> should fire faster than <see cref="Reference"/>.</summary>
public sealed record BoundTask(string Name, double Time, double Duration, BoundSlice Target, BoundSlice Reference, SourceLocation Location);
