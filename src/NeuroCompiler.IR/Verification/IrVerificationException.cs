namespace NeuroCompiler.IR.Verification;

/// <summary>A network that breaks a promise of its stage: a bug in the pass named, never the user's error.</summary>
public sealed class IrVerificationException(string afterPass, IrStage stage, IReadOnlyList<string> problems)
    : InvalidOperationException($"IR verification failed after {afterPass} (stage {stage}):\n  " + string.Join("\n  ", problems))
{
    public string AfterPass { get; } = afterPass;

    public IrStage Stage { get; } = stage;

    public IReadOnlyList<string> Problems { get; } = problems;
}
