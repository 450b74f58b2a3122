namespace NeuroCompiler.Core.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
