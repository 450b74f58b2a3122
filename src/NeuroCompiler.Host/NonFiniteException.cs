namespace NeuroCompiler.Host;

/// <summary>
/// Thrown at the first value that is not finite, where it is found: by the run's checks after a
/// step's integration, and by the handlers that write a synapse variable (compiled ones throw it
/// themselves; for the interpreter's, the host throws it when <c>Handler.Apply</c> says which wrote it).
/// It carries indices only; the run names them and stops with the results of the steps before.
/// </summary>
public sealed class NonFiniteException : Exception
{
    public NonFiniteException(NonFiniteSite site, int owner, int variable, int element, double value, string origin)
        : base($"a value that is not finite ({value}) in {site} {owner}, variable {variable}, element {element}")
    {
        Site = site;
        Owner = owner;
        Variable = variable;
        Element = element;
        Value = value;
        Origin = origin;
    }

    public NonFiniteSite Site { get; }

    /// <summary>The population or projection (by index); 0 for model-level states.</summary>
    public int Owner { get; }

    /// <summary>The variable: a population's state or parameter slot as <see cref="NonFiniteSite"/> says, a synapse's value slot (parameters then states), a signal.</summary>
    public int Variable { get; }

    /// <summary>The neuron or synapse (rank in its projection); 0 for model-level states.</summary>
    public int Element { get; }

    public double Value { get; }

    /// <summary>What produced it (<see cref="Output.RunFailure.Origin"/>).</summary>
    public string Origin { get; }

    /// <summary>For generated synapse code: synapse <paramref name="synapse"/> of projection <paramref name="projection"/> was given a value that is not finite in its variable <paramref name="slot"/>.</summary>
    public static NonFiniteException Synapse(int projection, int slot, int synapse, double value, string origin) =>
        new(NonFiniteSite.Synapse, projection, slot, synapse, value, origin);
}
