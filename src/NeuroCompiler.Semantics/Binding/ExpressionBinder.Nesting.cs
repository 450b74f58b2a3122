using NeuroCompiler.Core;
using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Nesting;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics.Binding;

// How deeply an expression nests once the definitions it uses are written out. Lets are inlined when
// lowered, and the initial values of params and states are computed through the values they use, so
// a chain of short definitions (let l2 = l1 + 1, let l3 = l2 + 1, ...) makes deep IR from shallow
// text. Where a use writes the value out (see Expands) it is one level and the levels of its value
// lie below it; an expression may reach Limits.MaxNesting levels below its root. Levels are counted
// as the binder goes: a value bound on first use is bound one level below that use, so the count also
// bounds the binder's own recursion. Lets are also counted by size, since a let used twice in the
// next doubles at each step (let b = a * a, let c = b * b, ...): an expression may have
// Limits.MaxExpandedNodes nodes once its lets are written out.
internal sealed partial class ExpressionBinder
{
    // Level 1 is the root of the expression being bound, so the limit counts one level more.
    private NestingGuard _levels = new(Limits.MaxNesting + 1);
    private List<VariableSymbol> _inProgress = new();
    private int _deepest;
    private VariableSymbol? _deepestVia;
    private int _nodes;
    private bool _reportedTooDeep; // in the expression being bound: once is enough (its other parts lie as deep)

    /// <summary>Binds a definition's value on first use and records how deep it nests (<see cref="VariableSymbol.ValueDepth"/>).</summary>
    private bool BindDefinition(VariableSymbol symbol, Func<bool> bind)
    {
        var (outerDeepest, outerVia, outerNodes, outerReported) = (_deepest, _deepestVia, _nodes, _reportedTooDeep);
        int root = _levels.Depth + 1;
        (_deepest, _deepestVia, _nodes, _reportedTooDeep) = (root, null, 0, false);
        _inProgress.Add(symbol);
        try
        {
            bool ok = bind();
            symbol.ValueDepth = _deepest - root;
            symbol.DeepestUse = _deepestVia;
            symbol.ValueNodes = _nodes;
            return ok;
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
            (_deepest, _deepestVia, _nodes, _reportedTooDeep) = (outerDeepest, outerVia, outerNodes, outerReported);
        }
    }

    /// <summary>
    /// Whether a use of the symbol writes out its value: a let's always (lets are inlined); a param's
    /// or state's inside the value of another definition, since initial values are computed through
    /// the values they use; a model param's inside the value of another model param (or model state).
    /// Elsewhere a param or state is read where it is stored, so its use is a plain name.
    /// </summary>
    private bool Expands(VariableSymbol symbol) => symbol.Kind switch
    {
        VariableKind.Let => true,
        VariableKind.Builtin => false,
        VariableKind.GlobalParameter or VariableKind.Signal => _inProgress.Count > 0 && _inProgress[^1].Owner == VariableOwner.Model,
        _ => _inProgress.Count > 0,
    };

    /// <summary>Binds a definition used as a plain name: its value is an expression of its own, counted from its own root.</summary>
    private bool EnsureBoundApart(VariableSymbol symbol)
    {
        if (!_pending.ContainsKey(symbol))
        {
            return EnsureBound(symbol);
        }
        var (outerLevels, outerInProgress) = (_levels, _inProgress);
        (_levels, _inProgress) = (new NestingGuard(Limits.MaxNesting + 1), new List<VariableSymbol>());
        try
        {
            return EnsureBound(symbol);
        }
        finally
        {
            (_levels, _inProgress) = (outerLevels, outerInProgress);
        }
    }

    /// <summary>
    /// Checks a use of a definition bound earlier, whose value's levels now lie below this use (and,
    /// for a let, whose nodes are written out here); false after reporting NC0004 at the use, naming
    /// the chain of definitions that makes it too deep, or NC0005.
    /// </summary>
    private bool WithinNesting(VariableSymbol symbol, SourceText text, TextSpan span)
    {
        if (symbol.ValueDepth is not { } valueDepth)
        {
            return true;
        }
        if (_levels.Depth + valueDepth > Limits.MaxNesting)
        {
            var chain = new List<VariableSymbol>(_inProgress);
            for (var s = symbol; s is not null && chain.Count <= Limits.MaxNesting + _inProgress.Count; s = s.DeepestUse)
            {
                chain.Add(s);
            }
            ReportTooDeep(text, span, chain);
            return false;
        }
        if (symbol.Kind == VariableKind.Let)
        {
            if (_nodes + symbol.ValueNodes > Limits.MaxExpandedNodes)
            {
                _diagnostics.Error(ErrorCode.ExpressionTooLarge, text, span, NestingMessages.TooLarge(symbol.Name, symbol.ValueNodes));
                return false;
            }
            _nodes += symbol.ValueNodes;
        }
        Reach(_levels.Depth + 1 + valueDepth, symbol);
        return true;
    }

    private void Reach(int level, VariableSymbol? via)
    {
        if (level > _deepest)
        {
            (_deepest, _deepestVia) = (level, via);
        }
    }

    private void ReportTooDeep(SourceText text, TextSpan span, IReadOnlyList<VariableSymbol> chain)
    {
        if (!_reportedTooDeep)
        {
            _reportedTooDeep = true;
            _diagnostics.Error(ErrorCode.NestingTooDeep, text, span,
                chain.Count == 0 ? NestingMessages.Expression : NestingMessages.Definitions(chain.Select(s => s.Name).ToList()));
        }
    }
}
