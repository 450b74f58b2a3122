namespace NeuroCompiler.Output;

/// <summary>How <see cref="AtomicDirectory.Commit"/> put the new folder in place (<see cref="DirectorySwap"/>).</summary>
public enum SwapMethod
{
    /// <summary>Nothing was committed (yet).</summary>
    None,

    /// <summary>There was no folder: one rename.</summary>
    Rename,

    /// <summary>The old folder and the new one exchanged names in one atomic renameat2(2).</summary>
    Exchange,

    /// <summary>The fallback: the old folder renamed aside, then the new one into place (a moment with neither).</summary>
    TwoRenames,
}
