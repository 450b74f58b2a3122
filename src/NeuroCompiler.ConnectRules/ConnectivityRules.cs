using System.Collections.Immutable;

namespace NeuroCompiler.ConnectRules;

/// <summary>
/// The connectivity rules by name: every <see cref="RuleDescriptor"/> in this assembly (the files in Rules/),
/// made once. Two rules with one name stop the program at its first use of the registry (and fail its tests).
/// </summary>
public static class ConnectivityRules
{
    private static readonly ImmutableSortedDictionary<string, RuleDescriptor> ByName = typeof(RuleDescriptor).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(RuleDescriptor)) && !type.IsAbstract)
        .Select(type => (RuleDescriptor)Activator.CreateInstance(type)!)
        .ToImmutableSortedDictionary(rule => rule.Name, rule => rule, StringComparer.Ordinal);

    /// <summary>Every rule, by name in ordinal order.</summary>
    public static IEnumerable<RuleDescriptor> All => ByName.Values;

    /// <summary>Every rule's name, in ordinal order: the list an unknown rule's message gives.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    public static RuleDescriptor? Find(string name) => ByName.GetValueOrDefault(name);
}
