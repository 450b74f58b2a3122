using NeuroCompiler.Core.Text;
using NeuroCompiler.Core.Units;

namespace NeuroCompiler.Semantics;

public enum VariableKind
{
    /// <summary>A model-level <c>param</c>, overridable with <c>--set</c>.</summary>
    GlobalParameter,
    /// <summary>A model-level <c>state</c>: a signal every neuron and synapse reads (a neuromodulator).</summary>
    Signal,
    /// <summary>A <c>param</c> of a neuron type (per population, possibly per neuron) or of a synapse type (per synapse).</summary>
    Parameter,
    State,
    /// <summary>A <c>let</c>: a named sub-expression.</summary>
    Let,
    /// <summary>A name the language provides: t, dt, i, j, N, x, y, z, distance, xi.</summary>
    Builtin,
}

public enum VariableOwner
{
    Model,
    Neuron,
    Synapse,
}

/// <summary>A named variable. Symbols are compared by reference: two types each with a <c>v</c> have two symbols.</summary>
public sealed class VariableSymbol
{
    public VariableSymbol(string name, VariableKind kind, VariableOwner owner, Dimension dimension, SourceLocation? location)
    {
        Name = name;
        Kind = kind;
        Owner = owner;
        Dimension = dimension;
        Location = location;
    }

    public string Name { get; }

    public VariableKind Kind { get; }

    public VariableOwner Owner { get; }

    /// <summary>The unit. For a state it is inferred from the initial value, so it is set once the initializer is bound.</summary>
    public Dimension Dimension { get; internal set; }

    /// <summary>False while the unit is not yet known (a state whose initial value failed to bind).</summary>
    public bool HasKnownDimension { get; internal set; } = true;

    /// <summary>
    /// A state whose initial value is a bare <c>0</c>, so it is dimensionless by default; unit
    /// diagnostics about it say so (<c>state ge = 0</c> where <c>0 nS</c> was meant).
    /// </summary>
    internal bool DimensionlessFromBareZero { get; set; }

    public SourceLocation? Location { get; }

    /// <summary>
    /// For a param, state or let, how many levels its value nests below its root once the
    /// definitions it uses are written out (a use of one is a level, its value below it); null for
    /// names without a value. Set when the value is bound. See docs/limits.md.
    /// </summary>
    internal int? ValueDepth { get; set; }

    /// <summary>How many nodes the value has once the lets it uses are written out (for a let, what each use of it writes out).</summary>
    internal int ValueNodes { get; set; }

    /// <summary>The definition whose use makes the value as deep as <see cref="ValueDepth"/> says, if one does (to name the chain).</summary>
    internal VariableSymbol? DeepestUse { get; set; }

    public override string ToString() => Name;
}
