namespace NeuroCompiler.Fuzzing;

/// <summary>
/// Input number i of a seeded campaign: a seed chosen and changed by one to three mutations, each
/// drawn from a random stream keyed by (seed, i) alone, so any input can be made again from its number.
/// </summary>
public sealed class InputGenerator
{
    private static readonly IMutation[] Mutations =
    {
        new ByteMutation(), new TokenMutation(), new SpliceMutation(), new NestingMutation(), new NumberMutation(),
    };

    private readonly Corpus _corpus;
    private readonly int _seed;

    public InputGenerator(Corpus corpus, int seed)
    {
        _corpus = corpus;
        _seed = seed;
    }

    public (string Text, string Origin) Make(long index)
    {
        var random = new Random(Mix(((ulong)(uint)_seed << 40) ^ (ulong)index));
        int seed = random.Next(_corpus.Seeds.Count);
        string text = _corpus.Seeds[seed].Text;
        var tokens = _corpus.Tokens[seed];
        var names = new List<string>();
        int rounds = random.Next(3) == 0 ? 2 : 1;
        for (int r = 0; r < rounds; r++)
        {
            var mutation = Mutations[random.Next(Mutations.Length)];
            text = mutation.Apply(text, r == 0 ? tokens : Tokenizer.Split(text), random, _corpus);
            names.Add(mutation.Name);
        }
        return (text, $"{_corpus.Seeds[seed].Name} + {string.Join(" + ", names)}");
    }

    /// <summary>SplitMix64's finaliser: a seed for each input that owes nothing to the process (HashCode is randomised per process).</summary>
    private static int Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
