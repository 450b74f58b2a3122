using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>One message for the user: a code, a severity, a text and, where it has one, an exact span, with notes at related places.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, ErrorCode Code, string Message, SourceLocation? Location)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public string CodeText => DiagnosticCatalogue.Text(Code);

    /// <summary>Related places, printed under the diagnostic in this order.</summary>
    public ImmutableArray<DiagnosticNote> Notes { get; init; } = ImmutableArray<DiagnosticNote>.Empty;

    public Diagnostic WithNote(string message, SourceLocation location) => this with { Notes = Notes.Add(new DiagnosticNote(message, location)) };

    public override string ToString()
    {
        string where = Location is null ? "neuroc" : Location.ToString();
        string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}: {severity} {CodeText}: {Message}";
    }
}
