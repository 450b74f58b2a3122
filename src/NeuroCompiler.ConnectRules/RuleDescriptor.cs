using System.Collections.Immutable;
using System.Globalization;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// One connectivity rule, everything about it in one place: its name as written after <c>connect</c>, the
/// arguments it takes (<see cref="Parameters"/>), its checks once they are bound, the synapses it makes on
/// average (the memory estimate), how it draws its pairs from the seed, and how the IR printer shows it. A rule
/// is a sealed subclass with a parameterless constructor in this assembly; <see cref="ConnectivityRules"/> finds
/// it by name, so adding one is adding its file.
/// </summary>
public abstract class RuleDescriptor
{
    /// <summary>Bytes per synapse the drawn targets take while a projection is built (a list of 4-byte indices).</summary>
    public const double DrawnTargetBytes = 4;

    protected RuleDescriptor(string name, params RuleParameter[] parameters)
    {
        Name = name;
        Parameters = parameters.ToImmutableArray();
    }

    public string Name { get; }

    /// <summary>The arguments, in positional order.</summary>
    public ImmutableArray<RuleParameter> Parameters { get; }

    public int IndexOf(string parameter)
    {
        for (int k = 0; k < Parameters.Length; k++)
        {
            if (Parameters[k].Name == parameter)
            {
                return k;
            }
        }
        throw new ArgumentException($"{Name} has no parameter '{parameter}'", nameof(parameter));
    }

    /// <summary>Checks the bound arguments against each other and the projection; false after reporting.</summary>
    public virtual bool Check(RuleCheck check) => true;

    /// <summary>The synapses the rule makes on average (an upper bound where the average is not known before drawing).</summary>
    public abstract double ExpectedSynapses(RuleArguments arguments, PairSpace pairs);

    /// <summary>How to draw the pairs, deterministically from the seed.</summary>
    public abstract PairDrawing Draw(RuleArguments arguments, PairSpace pairs);

    /// <summary>Bytes per synapse the drawing holds while a projection is built, before its targets are copied out.</summary>
    public virtual double DrawnBytesPerSynapse(bool multapses) => DrawnTargetBytes;

    /// <summary>
    /// The rule in the IR printout: its name, then its arguments in SI units, bare when there is one
    /// (<c>fixed_probability(0.1)</c>) and named when there are more; a per-pair expression shows as "...".
    /// </summary>
    public virtual string Print(RuleArguments arguments)
    {
        if (Parameters.IsEmpty)
        {
            return Name;
        }
        var shown = Parameters.Select((p, k) =>
        {
            string value = p.Kind == RuleValueKind.PairProbability ? "..." :
                Number(arguments.Values[k]) + (p.Dimension.IsDimensionless ? "" : " " + p.Dimension);
            return Parameters.Length == 1 ? value : $"{p.Name} = {value}";
        });
        return $"{Name}({string.Join(", ", shown)})";
    }

    public override string ToString() => Name;

    /// <summary>A number as the IR printer writes one: the shortest text that reads back to the same double.</summary>
    protected static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
