namespace NeuroCompiler.Fuzzing;

/// <summary>One to three numbers of the text replaced by extremes: overflowing and underflowing literals, the limits of double, long and int, zero.</summary>
public sealed class NumberMutation : IMutation
{
    private static readonly string[] Extremes =
    {
        "1e400", "1e-400", "0", "0.0", "1e308", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "2147483647", "2147483648", "4294967296",
        "1e30", "1e-30", "1e18", "1e9", "99999999999999999999999999", "0.000000000000000000000001", "1e", "1.e5", "00001",
    };

    public string Name => "numbers";

    public string Apply(string text, List<Token> tokens, Random random, Corpus corpus)
    {
        var list = new List<Token>(tokens);
        var numbers = Enumerable.Range(0, list.Count).Where(i => list[i].Kind == TokenKind.Number).ToArray();
        if (numbers.Length == 0)
        {
            return text + "\nparam fz = " + Extremes[random.Next(Extremes.Length)] + "\n";
        }
        int count = random.Next(1, 4);
        for (int k = 0; k < count; k++)
        {
            int at = numbers[random.Next(numbers.Length)];
            string extreme = Extremes[random.Next(Extremes.Length)];
            list[at] = new Token(TokenKind.Number, random.Next(4) == 0 ? "-" + extreme : extreme);
        }
        return Tokenizer.Join(list);
    }
}
