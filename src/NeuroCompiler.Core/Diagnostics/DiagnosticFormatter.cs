using System.Text;

namespace NeuroCompiler.Core.Diagnostics;

/// <summary>
/// Prints a diagnostic the way compilers do: <c>file:line:col: error NC0123: message</c>, then the
/// source line and a caret line under the span (clipped to the first line of a multi-line span).
/// A long line is shown as a window around the caret, so a diagnostic in a one-line file of
/// megabytes stays a few lines long.
/// </summary>
public static class DiagnosticFormatter
{
    /// <summary>The most characters of a source line shown; longer lines are cut around the caret, marked "...".</summary>
    public const int MaxLineShown = 160;

    public static string Format(Diagnostic diagnostic)
    {
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString()).Append('\n');
        if (diagnostic.Location is { } location)
        {
            var text = location.Text;
            int line = text.GetLineIndex(location.Span.Start);
            string lineText = text.GetLineText(line).Replace('\t', ' ');
            int column = location.Span.Start - text.GetLineStart(line);
            int shownEnd = lineText.Length;
            if (lineText.Length > MaxLineShown)
            {
                int from = Math.Clamp(column - MaxLineShown / 2, 0, lineText.Length - MaxLineShown);
                string before = from > 0 ? "..." : "";
                string after = from + MaxLineShown < lineText.Length ? "..." : "";
                lineText = before + lineText.Substring(from, MaxLineShown) + after;
                column = column - from + before.Length;
                shownEnd = before.Length + MaxLineShown;
            }
            int width = Math.Max(1, Math.Min(location.Span.Length, Math.Max(1, shownEnd - column)));
            builder.Append("  ").Append(lineText).Append('\n');
            builder.Append("  ").Append(' ', Math.Max(0, column)).Append('^').Append('~', width - 1).Append('\n');
        }
        return builder.ToString();
    }

    public static string FormatAll(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(Format));
}
