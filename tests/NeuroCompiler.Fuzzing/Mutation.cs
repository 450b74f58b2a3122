namespace NeuroCompiler.Fuzzing;

/// <summary>One way of changing a text into a new input.</summary>
public interface IMutation
{
    string Name { get; }

    string Apply(string text, List<Token> tokens, Random random, Corpus corpus);
}
