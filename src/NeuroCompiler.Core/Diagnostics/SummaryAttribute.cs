namespace NeuroCompiler.Core.Diagnostics;

/// <summary>What a diagnostic code means, in a few words: the catalogue entry of an <see cref="ErrorCode"/>.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class SummaryAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
