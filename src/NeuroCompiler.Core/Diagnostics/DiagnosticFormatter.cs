using System.Text;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Prints a diagnostic the way compilers do: <c>file:line:col: error NC0123: message</c>, then the
/// source line and a caret line under the span (clipped to the first line of a multi-line span), then
/// each note (<c>file:line:col: note: message</c>) with its own line and caret. A line longer than
/// <see cref="MaxShownLine"/> is shown as a window around the caret, so a diagnostic in a one-line
/// file of megabytes (a deeply nested model, a configuration's core file) stays a few lines long.
/// </summary>
public static class DiagnosticFormatter
{
    /// <summary>The most characters of a source line shown; longer lines are cut around the caret, marked "...".</summary>
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
        int lineStart = text.GetLineStart(line);
        int length = text.GetLineLength(line);
        int column = location.Span.Start - lineStart;
        string lineText;
        int shownEnd = length;
        if (length > MaxShownLine)
        {
            // Only the window is copied: a file of many errors on one long line stays linear.
            int from = Math.Clamp(column - MaxShownLine / 2, 0, length - MaxShownLine);
            string before = from > 0 ? "..." : "";
            string after = from + MaxShownLine < length ? "..." : "";
            lineText = before + text.Text.Substring(lineStart + from, MaxShownLine).Replace('\t', ' ') + after;
            column = column - from + before.Length;
            shownEnd = before.Length + MaxShownLine;
        }
        else
        {
            lineText = text.GetLineText(line).Replace('\t', ' ');
        }
        int width = Math.Max(1, Math.Min(location.Span.Length, Math.Max(1, shownEnd - column)));
        builder.Append("  ").Append(lineText).Append('\n');
        builder.Append("  ").Append(' ', Math.Max(0, column)).Append('^').Append('~', width - 1).Append('\n');
    }
}
