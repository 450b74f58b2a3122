namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Finds definitions that depend on themselves once a population's (or a projection's, or a
/// variant's) own values replace a type's defaults: <c>{ a = b; b = a }</c>. The type's defaults
/// alone were already checked while binding it.
/// </summary>
internal static class DefinitionCycles
{
    /// <returns>One chain per cycle found, first symbol repeated at the end.</returns>
    public static List<List<VariableSymbol>> Find(IReadOnlyDictionary<VariableSymbol, BoundExpression> definitions)
    {
        var cycles = new List<List<VariableSymbol>>();
        var state = new Dictionary<VariableSymbol, int>(); // 1: on the path, 2: done
        var path = new List<VariableSymbol>();

        void Visit(VariableSymbol symbol)
        {
            state[symbol] = 1;
            path.Add(symbol);
            foreach (var next in References(definitions[symbol]).Where(definitions.ContainsKey).Distinct())
            {
                int s = state.GetValueOrDefault(next);
                if (s == 1)
                {
                    cycles.Add(path.Skip(path.IndexOf(next)).Append(next).ToList());
                }
                else if (s == 0)
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[symbol] = 2;
        }

        foreach (var symbol in definitions.Keys)
        {
            if (state.GetValueOrDefault(symbol) == 0)
            {
                Visit(symbol);
            }
        }
        return cycles;
    }

    private static IEnumerable<VariableSymbol> References(BoundExpression expression) => expression switch
    {
        BoundVariable v => new[] { v.Symbol },
        BoundUnary u => References(u.Operand),
        BoundBinary b => References(b.Left).Concat(References(b.Right)),
        BoundCall c => c.Arguments.SelectMany(References),
        BoundList l => l.Items.SelectMany(References),
        _ => Enumerable.Empty<VariableSymbol>(),
    };
}
