using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Collects diagnostics during one phase. Reports at the same place with the same code are
/// kept once, so a construct checked twice (a synapse type used by two projections) is reported once.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private readonly HashSet<(ErrorCode, string?, int, int, string)> _seen = new();

    public bool HasErrors => _items.Any(d => d.IsError);

    public IReadOnlyList<Diagnostic> Items => _items;

    public void Error(ErrorCode code, SourceLocation? location, string message) =>
        Add(new Diagnostic(DiagnosticSeverity.Error, code, message, location));

    public void Warning(ErrorCode code, SourceLocation? location, string message) =>
        Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, location));

    public void Error(ErrorCode code, SourceText text, TextSpan span, string message) =>
        Error(code, new SourceLocation(text, span), message);

    public void Warning(ErrorCode code, SourceText text, TextSpan span, string message) =>
        Warning(code, new SourceLocation(text, span), message);

    public void Add(Diagnostic diagnostic)
    {
        var key = (diagnostic.Code, diagnostic.Location?.Text.FileName, diagnostic.Location?.Span.Start ?? -1,
            diagnostic.Location?.Span.Length ?? -1, diagnostic.Message);
        if (_seen.Add(key))
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>The diagnostics in source order (file, then position), errors and warnings together.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        _items.OrderBy(d => d.Location?.Text.FileName ?? "")
              .ThenBy(d => d.Location?.Span.Start ?? -1)
              .ToList();
}
