using NeuroCompiler.Core;
using NeuroCompiler.Core.Nesting;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// A type's definitions (params, states, lets) once a population's, projection's or variant's own
/// values replace its defaults. Finds the values that depend on themselves (<c>{ a = b; b = a }</c>)
/// and the chains that nest more than <see cref="Limits.MaxNesting"/> levels, counted as the binder
/// counts them (a use of a definition is a level, its value's levels lie below it): the initial values
/// are computed through such chains. The type's defaults alone were checked while binding it.
/// The walk keeps its own stack, so a chain of any length is walked without recursion.
/// </summary>
internal sealed class DefinitionGraph
{
    private readonly IReadOnlyDictionary<VariableSymbol, BoundExpression> _definitions;
    private readonly Dictionary<VariableSymbol, int> _state = new(); // 1: on the path, 2: done
    private readonly Dictionary<VariableSymbol, (int Depth, VariableSymbol? Via)> _depths = new();

    private DefinitionGraph(IReadOnlyDictionary<VariableSymbol, BoundExpression> definitions) => _definitions = definitions;

    /// <summary>One chain per cycle, its first symbol repeated at the end.</summary>
    public List<List<VariableSymbol>> Cycles { get; } = new();

    /// <summary>One chain per place where the limit is crossed: the definition whose value crosses it, then the definitions that make it deep.</summary>
    public List<List<VariableSymbol>> TooDeep { get; } = new();

    public static DefinitionGraph Analyse(IReadOnlyDictionary<VariableSymbol, BoundExpression> definitions)
    {
        var graph = new DefinitionGraph(definitions);
        foreach (var symbol in definitions.Keys)
        {
            if (graph._state.GetValueOrDefault(symbol) == 0)
            {
                graph.Walk(symbol);
            }
        }
        graph.FindCrossings();
        return graph;
    }

    private void Walk(VariableSymbol root)
    {
        var path = new List<VariableSymbol> { root };
        var stack = new Stack<(VariableSymbol Symbol, List<VariableSymbol> Uses, int Next)>();
        _state[root] = 1;
        stack.Push((root, Uses(root), 0));
        while (stack.Count > 0)
        {
            var (symbol, uses, next) = stack.Pop();
            if (next < uses.Count)
            {
                stack.Push((symbol, uses, next + 1));
                var used = uses[next];
                switch (_state.GetValueOrDefault(used))
                {
                    case 0:
                        _state[used] = 1;
                        path.Add(used);
                        stack.Push((used, Uses(used), 0));
                        break;
                    case 1:
                        Cycles.Add(path.Skip(path.IndexOf(used)).Append(used).ToList());
                        break;
                }
                continue;
            }
            path.RemoveAt(path.Count - 1);
            _state[symbol] = 2;
            _depths[symbol] = Depth(_definitions[symbol]);
        }
    }

    private List<VariableSymbol> Uses(VariableSymbol symbol)
    {
        var uses = new List<VariableSymbol>();
        Collect(_definitions[symbol]);
        return uses.Distinct().ToList();

        void Collect(BoundExpression expression)
        {
            NestingGuard.EnsureStack();
            if (expression is BoundVariable v && _definitions.ContainsKey(v.Symbol))
            {
                uses.Add(v.Symbol);
            }
            foreach (var child in Children(expression))
            {
                Collect(child);
            }
        }
    }

    /// <summary>How many levels a value nests below its root, and the definition whose use makes it that deep.</summary>
    private (int Depth, VariableSymbol? Via) Depth(BoundExpression expression)
    {
        NestingGuard.EnsureStack();
        if (expression is BoundVariable v)
        {
            return ValueDepth(v.Symbol) is { } depth ? (1 + depth, v.Symbol) : (0, null);
        }
        var deepest = (Depth: -1, Via: (VariableSymbol?)null);
        foreach (var child in Children(expression))
        {
            var c = Depth(child);
            if (c.Depth > deepest.Depth)
            {
                deepest = c;
            }
        }
        return deepest.Depth < 0 ? (0, null) : (1 + deepest.Depth, deepest.Via);
    }

    /// <summary>
    /// The levels a use writes out below itself, as the binder counts them in a definition's value:
    /// a definition of the graph's, or another type's param, state or let (pre.v); a model param is
    /// read as a number. A definition still on the walk's path belongs to a cycle, reported as one.
    /// </summary>
    private int? ValueDepth(VariableSymbol symbol) =>
        _definitions.ContainsKey(symbol) ? _depths.TryGetValue(symbol, out var d) ? d.Depth : null
        : symbol.Owner == VariableOwner.Model ? null
        : symbol.ValueDepth;

    private static IEnumerable<BoundExpression> Children(BoundExpression expression) => expression switch
    {
        BoundUnary u => new[] { u.Operand },
        BoundBinary b => new[] { b.Left, b.Right },
        BoundCall c => c.Arguments,
        BoundList l => l.Items,
        _ => Array.Empty<BoundExpression>(),
    };

    private void FindCrossings()
    {
        foreach (var (symbol, (depth, via)) in _depths)
        {
            bool viaTooDeep = via is not null && _depths.TryGetValue(via, out var v) && v.Depth > Limits.MaxNesting;
            if (depth <= Limits.MaxNesting || viaTooDeep)
            {
                continue; // within the limit, or too deep only because a deeper definition already is
            }
            var chain = new List<VariableSymbol> { symbol };
            for (var next = via; next is not null && chain.Count <= Limits.MaxNesting + 1; next = Via(next))
            {
                chain.Add(next);
            }
            TooDeep.Add(chain);
        }
    }

    private VariableSymbol? Via(VariableSymbol symbol) =>
        _depths.TryGetValue(symbol, out var d) ? d.Via : symbol.DeepestUse;
}
