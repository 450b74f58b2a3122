using System.Globalization;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// What a rule's checks see once its arguments are bound: their values, the two sides of the projection and its
/// autapses and multapses settings. A problem is reported at the argument it is about (at the rule, for an
/// argument left at its default) and the check returns false.
/// </summary>
public sealed class RuleCheck
{
    private readonly IReadOnlyDictionary<string, SourceLocation> _argumentLocations;
    private readonly DiagnosticBag _diagnostics;

    /// <param name="location">The rule as written, <c>fixed_indegree(10)</c>.</param>
    /// <param name="argumentLocations">Where each argument given is written.</param>
    /// <param name="overlapping">Whether the two sides share neurons (the same population, ranges that meet).</param>
    public RuleCheck(RuleArguments arguments, SourceLocation location, IReadOnlyDictionary<string, SourceLocation> argumentLocations,
        RuleEndpoint source, RuleEndpoint target, bool overlapping, bool autapses, bool multapses, DiagnosticBag diagnostics)
    {
        Arguments = arguments;
        Location = location;
        _argumentLocations = argumentLocations;
        Source = source;
        Target = target;
        Overlapping = overlapping;
        Autapses = autapses;
        Multapses = multapses;
        _diagnostics = diagnostics;
    }

    public RuleArguments Arguments { get; }

    public SourceLocation Location { get; }

    public RuleEndpoint Source { get; }

    public RuleEndpoint Target { get; }

    public bool Overlapping { get; }

    public bool Autapses { get; }

    public bool Multapses { get; }

    /// <summary>Whether a neuron's synapse onto itself is left out: autapses = false where the sides share neurons.</summary>
    public bool ExcludesAutapses => !Autapses && Overlapping;

    public double this[string parameter] => Arguments[parameter];

    /// <summary>Reports a problem with one argument; always false.</summary>
    public bool Error(ErrorCode code, string parameter, string message)
    {
        _diagnostics.Error(code, _argumentLocations.GetValueOrDefault(parameter, Location), message);
        return false;
    }

    /// <summary>Reports a problem with the rule as a whole; always false.</summary>
    public bool Error(ErrorCode code, string message)
    {
        _diagnostics.Error(code, Location, message);
        return false;
    }

    /// <summary>A probability between 0 and 1.</summary>
    public bool Probability(string parameter) => this[parameter] is >= 0 and <= 1 ||
        Error(ErrorCode.ProbabilityOutOfRange, parameter, $"a probability must be between 0 and 1, but this is {Number(this[parameter])}");

    /// <summary>A count (a degree, a number of synapses) no larger than the candidates it draws from, unless repeats are allowed.</summary>
    /// <param name="candidates">"possible presynaptic neurons", "possible pairs".</param>
    public bool AtMost(string parameter, long available, string candidates) => Multapses || this[parameter] <= available ||
        Error(ErrorCode.DegreeTooLarge, parameter,
            $"{Arguments} is impossible without multapses: there are only {available} {candidates} (set multapses = true to allow repeats)");

    /// <summary>A number in a message, as the user wrote it (six significant digits, SI units).</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
