namespace NeuroCompiler.Fuzzing;

/// <summary>Two seeds made one: the first's beginning with the other's end, or a run of the other's lines inserted between two lines of the first.</summary>
public sealed class SpliceMutation : IMutation
{
    public string Name => "splice";

    public string Apply(string text, List<Token> tokens, Random random, Corpus corpus)
    {
        var other = corpus.Tokens[random.Next(corpus.Tokens.Count)];
        if (random.Next(2) == 0)
        {
            return Tokenizer.Join(tokens.Take(random.Next(tokens.Count + 1)).Concat(other.Skip(random.Next(other.Count + 1))));
        }
        var lines = text.Split('\n').ToList();
        var otherLines = Tokenizer.Join(other).Split('\n');
        int from = random.Next(otherLines.Length);
        int count = Math.Min(random.Next(1, 30), otherLines.Length - from);
        lines.InsertRange(random.Next(lines.Count + 1), otherLines.Skip(from).Take(count));
        return string.Join('\n', lines);
    }
}
