using System.Collections.Frozen;

namespace NeuroCompiler.IR.Integration;

/// <summary>The integration methods by name: every <see cref="IIntegrationMethod"/> of this assembly, found once.</summary>
public static class IntegrationMethods
{
    private static readonly FrozenDictionary<string, IIntegrationMethod> ByName = typeof(IIntegrationMethod).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationMethod).IsAssignableFrom(t))
        .Select(t => (IIntegrationMethod)Activator.CreateInstance(t)!)
        .SelectMany(m => m.Names.Select(name => (name, m)))
        .ToFrozenDictionary(p => p.name, p => p.m, StringComparer.Ordinal);

    /// <summary>Every name a model may write after <c>method</c>, in alphabetical order.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Keys.Order(StringComparer.Ordinal).ToArray();

    public static IIntegrationMethod? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>A method the compiler itself names (the automatic choice); it exists.</summary>
    public static IIntegrationMethod Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"no integration method is registered as '{name}'");
}
