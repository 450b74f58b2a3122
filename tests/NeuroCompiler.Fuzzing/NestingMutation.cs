using System.Text;

namespace NeuroCompiler.Fuzzing;

/// <summary>
/// Deep structure at a number of the text, or at its end: parentheses, calls, unary and binary
/// operator chains, powers, blocks, lists, lets and params defined by the previous one. Depths are
/// drawn log-uniformly from 1 to 100,000, so the documented limit (1,000) is crossed about as often
/// as not. Chains of definitions stop at <see cref="MaxChain"/>: each is a line of text, and 100,000
/// of them are 2 MB that only take the parser two seconds to read (about 1 MB/s) before the one
/// NC0004 that 1,001 of them already give.
/// </summary>
public sealed class NestingMutation : IMutation
{
    public const int MaxChain = 20_000;

    public string Name => "nesting";

    public string Apply(string text, List<Token> tokens, Random random, Corpus corpus)
    {
        int depth = (int)Math.Round(Math.Pow(10, random.NextDouble() * 5));
        var numbers = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Kind == TokenKind.Number).ToArray();
        int pattern = random.Next(9);
        if (pattern >= 7 || numbers.Length == 0)
        {
            return Chain(text, tokens, random, Math.Min(depth, MaxChain), pattern == 8);
        }
        int at = numbers[random.Next(numbers.Length)];
        string number = tokens[at].Text;
        string nested = pattern switch
        {
            0 => Repeat("(", depth) + number + Repeat(")", depth),
            1 => Repeat("abs(", depth) + number + Repeat(")", depth),
            2 => Repeat("-", depth) + number,
            3 => number + Repeat(" + " + number, depth),
            4 => number + Repeat(" ** 1", depth),
            5 => Repeat("[", depth) + number + Repeat("]", depth),
            _ => Repeat("{", depth) + number + Repeat("}", depth),
        };
        var list = new List<Token>(tokens) { [at] = new Token(TokenKind.Number, nested) };
        return Tokenizer.Join(list);
    }

    /// <summary>A chain of definitions each using the one before: lets inside the first block, or params at the end.</summary>
    private static string Chain(string text, List<Token> tokens, Random random, int depth, bool lets)
    {
        var chain = new StringBuilder();
        string keyword = lets ? "let" : "param";
        chain.Append('\n').Append(keyword).Append(" fz0 = 1\n");
        for (int k = 1; k < depth; k++)
        {
            chain.Append(keyword).Append(" fz").Append(k).Append(" = fz").Append(k - 1).Append(" + 1\n");
        }
        int brace = text.IndexOf('{', random.Next(Math.Max(1, text.Length / 2)));
        return lets && brace >= 0 ? text.Insert(brace + 1, chain.ToString()) : text + chain;
    }

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();
}
