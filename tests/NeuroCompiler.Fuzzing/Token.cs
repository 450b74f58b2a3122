namespace NeuroCompiler.Fuzzing;

public enum TokenKind
{
    Space,
    Comment,
    Word,
    Number,
    Text,
    Symbol,
}

/// <summary>A piece of a .neuro text as the fuzzer sees it: close enough to the real lexer to mutate by tokens.</summary>
public sealed record Token(TokenKind Kind, string Text);
