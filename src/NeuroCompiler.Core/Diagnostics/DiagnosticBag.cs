using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Collects diagnostics during one phase. Reports at the same place with the same code are
/// kept once, so a construct checked twice (a synapse type used by two projections) is reported once.
/// </summary>
/// <remarks>
/// A phase that checks a type on behalf of a use (a synapse type as one projection connects it, a neuron
/// type as one population uses it) opens a <see cref="UseSite"/>: what it reports inside the type is then
/// tied to the user's declaration that caused it (see <see cref="UseSite"/>).
/// </remarks>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private readonly HashSet<(ErrorCode, string?, int, int, string)> _seen = new();
    private readonly List<(SourceLocation Site, string What)> _useSites = new();

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

    /// <summary>
    /// Until the result is disposed, diagnostics are reported on behalf of the use at <paramref name="site"/>
    /// (<paramref name="what"/>: "synapse type 'CondExc', as projection 'p' connects it onto 'P'"). One found in
    /// another file than the outermost open use (a library type, an imported file) moves to that use, the user's
    /// own declaration, with a note "in WHAT" at the place it was found. A null site opens nothing.
    /// </summary>
    public IDisposable UseSite(SourceLocation? site, string what)
    {
        if (site is null)
        {
            return new Closer(() => { });
        }
        _useSites.Add((site, what));
        int depth = _useSites.Count;
        return new Closer(() => _useSites.RemoveRange(depth - 1, _useSites.Count - depth + 1));
    }

    public void Add(Diagnostic diagnostic)
    {
        diagnostic = AtUseSite(diagnostic);
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

    private Diagnostic AtUseSite(Diagnostic diagnostic)
    {
        if (_useSites.Count == 0 || diagnostic.Location is not { } found)
        {
            return diagnostic;
        }
        var (site, what) = _useSites[0];
        if (found.Text.FileName == site.Text.FileName)
        {
            return diagnostic;
        }
        return diagnostic with
        {
            Location = site,
            Notes = diagnostic.Notes.Insert(0, new DiagnosticNote($"in {what}", found)),
        };
    }

    private sealed class Closer(Action close) : IDisposable
    {
        private Action? _close = close;

        public void Dispose()
        {
            _close?.Invoke();
            _close = null;
        }
    }
}
