using System.Globalization;
using System.Text;

namespace NeuroCompiler.CodeGen.Emit;

/// <summary>
/// The one way text from the user (model, population, projection, type and stimulus names, which a file
/// name can make anything) reaches generated C#: inside a <c>//</c> comment, through <see cref="Comment"/>.
/// Generated identifiers are neuroc's own (<c>Update0</c>, <c>s1</c>, <c>Scatter2</c>: numbered, never named
/// after the user's names), numbers go through <see cref="Literal"/> (NaN and infinities by name), and
/// <see cref="CodeWriter"/> refuses a line that holds a line break or a control character, so no name can
/// start a line of its own (a <c>#error</c>, a <c>#define</c>, code).
/// </summary>
public static class CSharpText
{
    /// <summary>The most characters of one piece of user text kept in a comment.</summary>
    public const int MaxCommentText = Core.Limits.MaxGeneratedCommentText;

    /// <summary>
    /// <paramref name="text"/> fit for the inside of a comment, <c>//</c> or <c>/* */</c>: line breaks (\n, \r,
    /// U+0085, U+2028, U+2029), other control and format characters (NUL, bidirectional overrides) and unpaired
    /// surrogates written as <c>\uXXXX</c>, a backslash as <c>\\</c> (so that the escapes are unambiguous),
    /// <c>*/</c> as <c>* /</c>; cut at <see cref="MaxCommentText"/> characters with "...".
    /// </summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxCommentText) + 8);
        int i = 0;
        for (; i < text.Length && builder.Length < MaxCommentText; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (c == '/' && builder.Length > 0 && builder[^1] == '*')
            {
                builder.Append(" /");
            }
            else if (Unsafe(c))
            {
                builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return i < text.Length ? builder.Append("...").ToString() : builder.ToString();
    }

    /// <summary>Whether a line of generated source may hold this character (everything but line breaks and control characters).</summary>
    public static bool AllowedInLine(char c) => !char.IsControl(c) && c is not ('\u2028' or '\u2029');

    private static bool Unsafe(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
