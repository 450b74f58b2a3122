using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>One message for the user: a code, a severity, a text and, where it has one, an exact span.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, ErrorCode Code, string Message, SourceLocation? Location)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public string CodeText => DiagnosticCatalogue.Text(Code);

    public override string ToString()
    {
        string where = Location is null ? "neuroc" : Location.ToString();
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}: {severity} {CodeText}: {Message}";
    }
}
