namespace NeuroCompiler.Core.Text;

/// <summary>A one-based line and column, as printed in diagnostics.</summary>
public readonly record struct LinePosition(int Line, int Column);
