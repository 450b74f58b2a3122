namespace NeuroCompiler.Syntax.Parsing;

/// <summary>Splits a QUANTITY token (<c>20 ms</c>, <c>2e3Hz</c>) the way the lexer matched it.</summary>
internal static class QuantityText
{
    /// <summary>Index of the unit word: after the longest number prefix (an exponent counts only when digits follow) and blanks.</summary>
    public static int UnitStart(string text)
    {
        int i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }
                i = j;
            }
        }
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }
        return i;
    }
}
