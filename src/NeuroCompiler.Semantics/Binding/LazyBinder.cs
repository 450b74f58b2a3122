using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Semantics.Binding;

/// <summary>
/// Binds named definitions on first use, in whatever order they were written, and reports a
/// definition that depends on itself (<c>a = b</c>, <c>b = a</c>) as a cycle instead of recursing.
/// </summary>
internal sealed class LazyBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly List<VariableSymbol> _stack = new();
    private readonly HashSet<VariableSymbol> _done = new();

    public LazyBinder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    public bool Run(VariableSymbol symbol, Func<bool> bind)
    {
        if (_done.Contains(symbol))
        {
            return symbol.HasKnownDimension;
        }
        int index = _stack.IndexOf(symbol);
        if (index >= 0)
        {
            var chain = _stack.Skip(index).Select(s => $"'{s.Name}'").Append($"'{symbol.Name}'");
            _diagnostics.Error(ErrorCode.ParameterCycle, symbol.Location,
                $"'{symbol.Name}' is defined in terms of itself: {string.Join(" -> ", chain)}");
            symbol.HasKnownDimension = false;
            return false;
        }
        _stack.Add(symbol);
        bool ok = bind();
        _stack.RemoveAt(_stack.Count - 1);
        if (!_done.Contains(symbol))
        {
            _done.Add(symbol);
            symbol.HasKnownDimension = ok && symbol.HasKnownDimension;
        }
        return symbol.HasKnownDimension;
    }
}
