namespace NeuroCompiler.Fuzzing;

/// <summary>Up to eight edits of characters: a changed bit, an inserted character (control, non-ASCII, a line separator, a byte that is not UTF-8), a range deleted or repeated.</summary>
public sealed class ByteMutation : IMutation
{
    private static readonly char[] Odd = { '\0', '\u0001', '\t', '\r', '\n', '\u007f', '\u00a0', '\u00b5', '\u03a9', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\\', '"', '#', '@', '`', '$',
        '\uF7FF', '\uF7C0', '\uF780', '\uF7E2', // raw bytes 0xFF, 0xC0, 0x80, 0xE2: not UTF-8 (FuzzTarget.Bytes)
    };

    public string Name => "bytes";

    public string Apply(string text, List<Token> tokens, Random random, Corpus corpus)
    {
        var chars = new List<char>(text);
        int edits = random.Next(1, 9);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(chars.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < chars.Count:
                    chars[at] = (char)(chars[at] ^ (1 << random.Next(8)));
                    break;
                case 1:
                    chars.Insert(at, random.Next(2) == 0 ? Odd[random.Next(Odd.Length)] : (char)random.Next(32, 127));
                    break;
                case 2 when at < chars.Count:
                    chars.RemoveRange(at, Math.Min(random.Next(1, 40), chars.Count - at));
                    break;
                default:
                    int length = Math.Min(random.Next(1, 80), chars.Count - Math.Min(at, chars.Count));
                    chars.InsertRange(at, chars.GetRange(Math.Min(at, chars.Count), length));
                    break;
            }
        }
        return new string(chars.ToArray());
    }
}
