using NeuroCompiler.Core.Diagnostics;
using NeuroCompiler.Core.Text;
using NeuroCompiler.Syntax;

namespace NeuroCompiler.Semantics.Binding;

// Population references and slices: E, E[0:100], E[5].
internal sealed partial class ModelBinder
{
    private BoundSlice? BindSlice(PopulationRefSyntax syntax, SourceText text)
    {
        if (syntax.Name.IsMissing)
        {
            return null;
        }
        if (!_populations.TryGetValue(syntax.Name.Text, out var population))
        {
            if (_populationNames.Contains(syntax.Name.Text))
            {
                return null; // the population itself had errors, reported where it is declared
            }
            string what = _instanceNames.ContainsKey(syntax.Name.Text) ? $"'{syntax.Name.Text}' is not a population" : $"unknown population '{syntax.Name.Text}'";
            _diagnostics.Error(ErrorCode.UnknownName, text, syntax.Name.Span, $"{what}{_binder.Hints.Hint(syntax.Name.Text, _populationNames)}");
            return null;
        }
        var location = new SourceLocation(text, syntax.Span);
        if (syntax.Slice is null)
        {
            return new BoundSlice(population, 0, population.Size, location);
        }
        int size = population.Size;
        if (!syntax.Slice.IsRange)
        {
            if (BindIndex(syntax.Slice.Start!, text, size, allowEnd: false) is not { } index)
            {
                return null;
            }
            return new BoundSlice(population, index, 1, location);
        }
        int start = 0;
        int stop = size;
        if (syntax.Slice.Start is { } startSyntax)
        {
            if (BindIndex(startSyntax, text, size, allowEnd: true) is not { } s)
            {
                return null;
            }
            start = s;
        }
        if (syntax.Slice.Stop is { } stopSyntax)
        {
            if (BindIndex(stopSyntax, text, size, allowEnd: true) is not { } s)
            {
                return null;
            }
            stop = s;
        }
        if (stop <= start)
        {
            _diagnostics.Error(ErrorCode.EmptyRange, text, syntax.Slice.Span, $"the slice [{start}:{stop}] of '{population.Name}' is empty");
            return null;
        }
        return new BoundSlice(population, start, stop - start, location);
    }

    private int? BindIndex(ExpressionSyntax syntax, SourceText text, int size, bool allowEnd)
    {
        if (BindCount(syntax, text, "an index") is not { } index)
        {
            return null;
        }
        if (index > size || (!allowEnd && index == size))
        {
            _diagnostics.Error(ErrorCode.IndexOutOfRange, text, syntax.Span, $"index {index} is outside the population (size {size})");
            return null;
        }
        return index;
    }
}
