namespace NeuroCompiler.Core.Text;

/// <summary>The text of one source file with a line index, so spans map to line and column.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(string text, string fileName)
    {
        Text = text;
        FileName = fileName;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Text { get; }

    /// <summary>The name diagnostics print: the path as the user gave it, or a pseudo-name such as <c>&lt;command line&gt;</c>.</summary>
    public string FileName { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public static SourceText From(string text, string fileName = "<input>") => new(text, fileName);

    public char this[int index] => Text[index];

    public string ToString(TextSpan span) =>
        Text.Substring(Math.Clamp(span.Start, 0, Length), Math.Clamp(span.Length, 0, Length - Math.Clamp(span.Start, 0, Length)));

    /// <summary>Zero-based line index of a character offset.</summary>
    public int GetLineIndex(int position)
    {
        int index = Array.BinarySearch(_lineStarts, Math.Clamp(position, 0, Length));
        return index >= 0 ? index : ~index - 1;
    }

    public int GetLineStart(int lineIndex) => _lineStarts[lineIndex];

    /// <summary>The text of a line without its line break.</summary>
    public string GetLineText(int lineIndex) => Text.Substring(_lineStarts[lineIndex], GetLineLength(lineIndex));

    /// <summary>The length of a line without its line break (without copying it).</summary>
    public int GetLineLength(int lineIndex)
    {
        int start = _lineStarts[lineIndex];
        int end = lineIndex + 1 < _lineStarts.Length ? _lineStarts[lineIndex + 1] : Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }
        return end - start;
    }

    /// <summary>One-based line and column of a character offset.</summary>
    public LinePosition GetLinePosition(int position)
    {
        int line = GetLineIndex(position);
        return new LinePosition(line + 1, Math.Clamp(position, 0, Length) - _lineStarts[line] + 1);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }

    public override string ToString() => Text;
}
