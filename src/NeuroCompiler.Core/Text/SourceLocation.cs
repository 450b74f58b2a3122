namespace NeuroCompiler.Core.Text;

/// <summary>A span in a particular source text: where a diagnostic points.</summary>
public sealed record SourceLocation(SourceText Text, TextSpan Span)
{
    public LinePosition Start => Text.GetLinePosition(Span.Start);

    public override string ToString() => $"{Text.FileName}:{Start.Line}:{Start.Column}";
}
