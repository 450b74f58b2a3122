namespace NeuroCompiler.Semantics.Binding;

/// <summary>Which built-in names and functions an expression may use where it stands.</summary>
[Flags]
internal enum ContextFlags
{
    None = 0,
    /// <summary>rand(), randn(), uniform(), normal().</summary>
    Random = 1,
    /// <summary>White noise xi (only in a differential equation).</summary>
    Noise = 2,
    /// <summary>t and dt.</summary>
    Time = 4,
    /// <summary>i and N of a population.</summary>
    NeuronIndex = 8,
    /// <summary>x, y, z of a population with a layout.</summary>
    Position = 16,
    /// <summary>i, j and distance of a projection.</summary>
    SynapseIndex = 32,
}

/// <summary>Where an expression is bound: its scope, what it may use, and words to describe the place in messages.</summary>
internal sealed record BindingContext(Core.Text.SourceText Text, Scope Scope, ContextFlags Flags, string Place)
{
    public bool Allows(ContextFlags flag) => (Flags & flag) == flag;

    public BindingContext With(ContextFlags flags) => this with { Flags = flags };
}
