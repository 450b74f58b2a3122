namespace NeuroCompiler.Semantics.Binding;

/// <summary>A name found in a scope: the symbol and the side of a synapse it is read from.</summary>
internal readonly record struct ScopeEntry(VariableSymbol Symbol, VariableSide Side);

/// <summary>
/// Names visible to an expression. Lookups walk outward through parents; <c>pre.</c> and <c>post.</c>
/// are qualifiers that name other scopes.
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<string, ScopeEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scope> _qualifiers = new(StringComparer.Ordinal);

    public Scope(Scope? parent = null) => Parent = parent;

    public Scope? Parent { get; }

    public bool TryDeclare(VariableSymbol symbol, VariableSide side = VariableSide.Self) =>
        _entries.TryAdd(symbol.Name, new ScopeEntry(symbol, side));

    /// <summary>Declares <paramref name="symbol"/> under another name (a synapse's <c>target</c>).</summary>
    public bool TryDeclareAs(string name, VariableSymbol symbol, VariableSide side) => _entries.TryAdd(name, new ScopeEntry(symbol, side));

    public void AddQualifier(string name, Scope scope) => _qualifiers[name] = scope;

    public ScopeEntry? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._entries.TryGetValue(name, out var entry))
            {
                return entry;
            }
        }
        return null;
    }

    public Scope? LookupQualifier(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._qualifiers.TryGetValue(name, out var qualified))
            {
                return qualified;
            }
        }
        return null;
    }

    public bool ContainsLocal(string name) => _entries.ContainsKey(name);

    public IEnumerable<string> VisibleNames()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            foreach (var name in scope._entries.Keys)
            {
                yield return name;
            }
        }
    }
}
