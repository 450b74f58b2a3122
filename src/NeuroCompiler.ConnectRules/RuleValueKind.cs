namespace NeuroCompiler.ConnectRules;

/// <summary>How the binder binds a rule's argument, and what the rule then holds for it.</summary>
public enum RuleValueKind
{
    /// <summary>A constant quantity in the parameter's unit (numbers and model params), held in SI units.</summary>
    Constant,

    /// <summary>A whole number, at least 0 and below 2^31: a degree or a number of synapses.</summary>
    Count,

    /// <summary>
    /// A dimensionless expression of the pair (i, j, distance, pre.x, the neurons' values), evaluated for
    /// each pair while connecting: <c>probability(expr)</c>'s p. Held as an expression, not a number.
    /// </summary>
    PairProbability,
}
