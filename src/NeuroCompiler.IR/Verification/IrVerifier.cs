namespace NeuroCompiler.IR.Verification;

/// <summary>
/// Checks that a network keeps every promise of its stage: each registered property from the stage
/// that introduces it on. The pass pipeline calls it after every pass when asked to (the test suite
/// always asks; see <c>CompileOptions.VerifyIr</c>).
/// </summary>
public static class IrVerifier
{
    /// <summary>The properties, one file each; a new property is added here.</summary>
    public static IReadOnlyList<IIrCheck> Checks { get; } = new IIrCheck[]
    {
        new ReferencesResolve(),
        new ExpressionsWithinDepth(),
        new ContextAccess(),
        new ModelsWellFormed(),
        new NothingLeftToFold(),
        new IntegratorsChosen(),
        new DelaysInSteps(),
        new ConnectivityBuilt(),
    };

    /// <summary>Every problem of <paramref name="network"/> at <paramref name="stage"/>; empty when it keeps every promise.</summary>
    public static IReadOnlyList<string> Problems(Network network, IrStage stage)
    {
        var problems = new List<string>();
        foreach (var check in Checks.Where(c => c.From <= stage))
        {
            check.Check(network, problems);
        }
        return problems;
    }

    /// <summary>Throws <see cref="IrVerificationException"/> naming the pass when the network breaks a promise of its stage.</summary>
    public static void Check(Network network, IrStage stage, string afterPass)
    {
        var problems = Problems(network, stage);
        if (problems.Count > 0)
        {
            throw new IrVerificationException(afterPass, stage, problems);
        }
    }
}
