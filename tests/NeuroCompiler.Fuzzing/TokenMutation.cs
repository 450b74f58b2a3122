namespace NeuroCompiler.Fuzzing;

/// <summary>Up to five edits of tokens: one deleted, repeated, swapped with another, or replaced by a token of any seed.</summary>
public sealed class TokenMutation : IMutation
{
    public string Name => "tokens";

    public string Apply(string text, List<Token> tokens, Random random, Corpus corpus)
    {
        var list = new List<Token>(tokens);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits && list.Count > 0; e++)
        {
            int at = random.Next(list.Count);
            var other = corpus.Dictionary[random.Next(corpus.Dictionary.Count)];
            switch (random.Next(5))
            {
                case 0:
                    list.RemoveAt(at);
                    break;
                case 1:
                    list.Insert(at, list[at]);
                    break;
                case 2:
                    int with = random.Next(list.Count);
                    (list[at], list[with]) = (list[with], list[at]);
                    break;
                case 3:
                    // Same kind of token: a name for a name, a number for a number; the text stays nearly valid.
                    var same = corpus.Dictionary.Where(t => t.Kind == list[at].Kind).ToArray();
                    list[at] = same.Length > 0 ? same[random.Next(same.Length)] : other;
                    break;
                default:
                    list.Insert(at, new Token(TokenKind.Space, " "));
                    list.Insert(at, other);
                    break;
            }
        }
        return Tokenizer.Join(list);
    }
}
