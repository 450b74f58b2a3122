namespace NeuroCompiler.Runtime;

/// <summary>Sampling method chosen by <see cref="BinomialTable"/>.</summary>
public enum BinomialKind
{
    /// <summary>n ≤ 0 or p ≤ 0: the result is always 0.</summary>
    AlwaysZero,

    /// <summary>p ≥ 1: the result is always n.</summary>
    AlwaysN,

    /// <summary>Inverse-CDF recurrence (n·min(p, 1 − p) &lt; 30).</summary>
    Inversion,

    /// <summary>Rounded normal approximation (n·min(p, 1 − p) ≥ 30).</summary>
    Normal,
}
