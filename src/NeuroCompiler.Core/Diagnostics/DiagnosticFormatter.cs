using System.Text;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Prints a diagnostic the way compilers do: <c>file:line:col: error NC0123: message</c>, then the
/// source line and a caret line under the span (clipped to the first line of a multi-line span, and a
/// long line to <see cref="MaxShownLine"/> characters around the caret), then each note
/// (<c>file:line:col: note: message</c>) with its own line and caret.
/// </summary>
public static class DiagnosticFormatter
{
    /// <summary>The most characters of a source line shown under a diagnostic; a longer line is shown around the caret.</summary>
    public const int MaxShownLine = 160;

    public static string Format(Diagnostic diagnostic)
    {
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString()).Append('\n');
        if (diagnostic.Location is { } location)
        {
            AppendCaret(builder, location);
        }
        foreach (var note in diagnostic.Notes)
        {
            builder.Append(note.Location).Append(": note: ").Append(note.Message).Append('\n');
            AppendCaret(builder, note.Location);
        }
        return builder.ToString();
    }

    public static string FormatAll(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(Format));

    private static void AppendCaret(StringBuilder builder, SourceLocation location)
    {
        var text = location.Text;
        int line = text.GetLineIndex(location.Span.Start);
        string lineText = text.GetLineText(line).Replace('\t', ' ');
        int column = location.Span.Start - text.GetLineStart(line);
        if (lineText.Length > MaxShownLine)
        {
            // A long line (a configuration's core file is one line of megabytes): the part around the caret.
            int from = Math.Clamp(column - MaxShownLine / 3, 0, lineText.Length);
            int to = Math.Min(lineText.Length, from + MaxShownLine);
            lineText = (from > 0 ? "..." : "") + lineText[from..to] + (to < lineText.Length ? "..." : "");
            column = column - from + (from > 0 ? 3 : 0);
        }
        int width = Math.Max(1, Math.Min(location.Span.Length, Math.Max(1, lineText.Length - column)));
        builder.Append("  ").Append(lineText).Append('\n');
        builder.Append("  ").Append(' ', Math.Max(0, column)).Append('^').Append('~', width - 1).Append('\n');
    }
}
